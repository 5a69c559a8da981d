#ifndef FINISHLINE_CCURL_SHIM_H
#define FINISHLINE_CCURL_SHIM_H

#include <curl/curl.h>
#include <dlfcn.h>
#include <stddef.h>

/*
 * libcurl is loaded with dlopen when the first request is about to be made, not linked:
 * a check of a closed run, and every command that sends nothing, never loads libcurl and
 * the thirty-odd libraries it pulls in. The functions finishline calls are looked up once
 * into this table; the header still comes from libcurl4-openssl-dev at build time.
 */
typedef struct {
  CURLcode (* _Nonnull global_init)(long flags);
  CURL *(* _Nonnull easy_init)(void);
  CURLcode (* _Nonnull easy_setopt)(CURL *handle, CURLoption option, ...);
  CURLcode (* _Nonnull easy_perform)(CURL *handle);
  CURLcode (* _Nonnull easy_getinfo)(CURL *handle, CURLINFO info, ...);
  void (* _Nonnull easy_cleanup)(CURL *handle);
  const char *(* _Nonnull easy_strerror)(CURLcode code);
  struct curl_slist *(* _Nonnull slist_append)(struct curl_slist *list, const char *string);
  void (* _Nonnull slist_free_all)(struct curl_slist *list);
  time_t (* _Nonnull getdate)(const char *text, const time_t *unused);
} ccurl_api;

/* Fills `api` from libcurl.so.4; returns NULL, or dlerror()'s explanation when it cannot. */
static inline const char *ccurl_load(ccurl_api *api) {
  void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) return dlerror();
#define CCURL_SYMBOL(field, name) \
  if ((*(void **)&api->field = dlsym(library, name)) == NULL) return dlerror();
  CCURL_SYMBOL(global_init, "curl_global_init")
  CCURL_SYMBOL(easy_init, "curl_easy_init")
  CCURL_SYMBOL(easy_setopt, "curl_easy_setopt")
  CCURL_SYMBOL(easy_perform, "curl_easy_perform")
  CCURL_SYMBOL(easy_getinfo, "curl_easy_getinfo")
  CCURL_SYMBOL(easy_cleanup, "curl_easy_cleanup")
  CCURL_SYMBOL(easy_strerror, "curl_easy_strerror")
  CCURL_SYMBOL(slist_append, "curl_slist_append")
  CCURL_SYMBOL(slist_free_all, "curl_slist_free_all")
  CCURL_SYMBOL(getdate, "curl_getdate")
#undef CCURL_SYMBOL
  return NULL;
}

/*
 * curl_easy_setopt and curl_easy_getinfo are variadic, and Swift cannot call
 * C variadic functions. Each wrapper below fixes the argument to one kind, so
 * Swift sees an ordinary typed function; which option goes with which kind is
 * decided (and documented) in CurlEasy.swift.
 */

static inline CURLcode ccurl_setopt_long(const ccurl_api *api, CURL *handle, CURLoption option, long value) {
  return api->easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_off_t(const ccurl_api *api, CURL *handle, CURLoption option, curl_off_t value) {
  return api->easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_string(const ccurl_api *api, CURL *handle, CURLoption option, const char *value) {
  return api->easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_pointer(const ccurl_api *api, CURL *handle, CURLoption option, void *value) {
  return api->easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_slist(
    const ccurl_api *api, CURL *handle, CURLoption option, struct curl_slist *value) {
  return api->easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_write_callback(
    const ccurl_api *api, CURL *handle, CURLoption option, curl_write_callback value) {
  return api->easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_setopt_read_callback(
    const ccurl_api *api, CURL *handle, CURLoption option, curl_read_callback value) {
  return api->easy_setopt(handle, option, value);
}

/* Header callbacks have the write callback's signature; a separate name keeps call sites honest. */
static inline CURLcode ccurl_setopt_header_callback(
    const ccurl_api *api, CURL *handle, CURLoption option, curl_write_callback value) {
  return api->easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_getinfo_long(const ccurl_api *api, CURL *handle, CURLINFO info, long *value) {
  return api->easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_getinfo_off_t(const ccurl_api *api, CURL *handle, CURLINFO info, curl_off_t *value) {
  return api->easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_getinfo_socket(const ccurl_api *api, CURL *handle, CURLINFO info, curl_socket_t *value) {
  return api->easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_getinfo_double(const ccurl_api *api, CURL *handle, CURLINFO info, double *value) {
  return api->easy_getinfo(handle, info, value);
}

/* CURLINFO_CERTINFO: the peer's chain, filled even when the host name check then fails. */
static inline CURLcode ccurl_getinfo_certinfo(
    const ccurl_api *api, CURL *handle, CURLINFO info, struct curl_certinfo **value) {
  return api->easy_getinfo(handle, info, value);
}

#endif
