/*
 * An LD_PRELOAD shim for the torture script and the crash tests: it makes one chosen
 * rename(2) of the process stop or fail, so a test can kill finishline exactly inside its
 * state write, or make the write fail after a post went out, without a debugger.
 *
 *   FINISHLINE_FAULT_RENAME=N     act on the N-th rename of a state file (a target ending in
 *                                 ".json"; 1 = the first) by the process; other renames (the
 *                                 parse cache, metrics) are neither counted nor touched
 *   FINISHLINE_FAULT_SUFFIX=...   count renames to targets ending in this instead (".history":
 *                                 a series' history file)
 *   FINISHLINE_FAULT_ACTION=...   stop-before  raise SIGSTOP before renaming (the new file is
 *                                              written and synced, the old one still in place)
 *                                 stop-after   raise SIGSTOP right after renaming (before the
 *                                              directory is synced)
 *                                 fail         fail with ENOSPC, as a full disk would
 *
 * Build: cc -shared -fPIC -O2 -o fault-shim.so scripts/fault-shim.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static int renames = 0;

int rename(const char *from, const char *to) {
    static int (*real_rename)(const char *, const char *) = NULL;
    if (real_rename == NULL) real_rename = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    const char *chosen = getenv("FINISHLINE_FAULT_RENAME");
    const char *action = getenv("FINISHLINE_FAULT_ACTION");
    const char *suffix = getenv("FINISHLINE_FAULT_SUFFIX");
    if (suffix == NULL) suffix = ".json";
    size_t length = strlen(to), suffix_length = strlen(suffix);
    if (length < suffix_length || strcmp(to + length - suffix_length, suffix) != 0) return real_rename(from, to);
    renames += 1;
    if (chosen == NULL || action == NULL || atoi(chosen) != renames) return real_rename(from, to);
    if (strcmp(action, "fail") == 0) {
        errno = ENOSPC;
        return -1;
    }
    if (strcmp(action, "stop-before") == 0) raise(SIGSTOP);
    int result = real_rename(from, to);
    if (strcmp(action, "stop-after") == 0) raise(SIGSTOP);
    return result;
}
