#ifndef FINISHLINE_CPQ_SHIM_H
#define FINISHLINE_CPQ_SHIM_H

#include <postgresql/libpq-fe.h>
#include <dlfcn.h>
#include <stddef.h>

/*
 * libpq is loaded with dlopen only when `state_url` is configured: the file-backed state, and
 * a check of a closed run in it, never load libpq and the libraries it pulls in (GSSAPI, LDAP,
 * OpenSSL). The functions finishline calls are looked up once into this table; the header
 * still comes from libpq-dev at build time, so the signatures are libpq's own.
 */
typedef struct {
  PGconn *(* _Nonnull connectdb_params)(const char *const *keywords, const char *const *values, int expand_dbname);
  ConnStatusType (* _Nonnull status)(const PGconn *conn);
  char *(* _Nonnull error_message)(const PGconn *conn);
  int (* _Nonnull needs_password)(const PGconn *conn);
  void (* _Nonnull finish)(PGconn *conn);
  PGresult *(* _Nonnull exec_params)(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                                     const char *const *paramValues, const int *paramLengths,
                                     const int *paramFormats, int resultFormat);
  PGresult *(* _Nonnull exec)(PGconn *conn, const char *query);
  ExecStatusType (* _Nonnull result_status)(const PGresult *res);
  char *(* _Nonnull result_error_field)(const PGresult *res, int fieldcode);
  char *(* _Nonnull result_error_message)(const PGresult *res);
  int (* _Nonnull ntuples)(const PGresult *res);
  int (* _Nonnull nfields)(const PGresult *res);
  char *(* _Nonnull getvalue)(const PGresult *res, int tup_num, int field_num);
  int (* _Nonnull getisnull)(const PGresult *res, int tup_num, int field_num);
  int (* _Nonnull getlength)(const PGresult *res, int tup_num, int field_num);
  char *(* _Nonnull cmd_tuples)(PGresult *res);
  void (* _Nonnull clear)(PGresult *res);
} cpq_api;

/* Fills `api` from libpq.so.5; returns NULL, or dlerror()'s explanation when it cannot. */
static inline const char *cpq_load(cpq_api *api) {
  void *library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) return dlerror();
#define CPQ_SYMBOL(field, name) \
  if ((*(void **)&api->field = dlsym(library, name)) == NULL) return dlerror();
  CPQ_SYMBOL(connectdb_params, "PQconnectdbParams")
  CPQ_SYMBOL(status, "PQstatus")
  CPQ_SYMBOL(error_message, "PQerrorMessage")
  CPQ_SYMBOL(needs_password, "PQconnectionNeedsPassword")
  CPQ_SYMBOL(finish, "PQfinish")
  CPQ_SYMBOL(exec_params, "PQexecParams")
  CPQ_SYMBOL(exec, "PQexec")
  CPQ_SYMBOL(result_status, "PQresultStatus")
  CPQ_SYMBOL(result_error_field, "PQresultErrorField")
  CPQ_SYMBOL(result_error_message, "PQresultErrorMessage")
  CPQ_SYMBOL(ntuples, "PQntuples")
  CPQ_SYMBOL(nfields, "PQnfields")
  CPQ_SYMBOL(getvalue, "PQgetvalue")
  CPQ_SYMBOL(getisnull, "PQgetisnull")
  CPQ_SYMBOL(getlength, "PQgetlength")
  CPQ_SYMBOL(cmd_tuples, "PQcmdTuples")
  CPQ_SYMBOL(clear, "PQclear")
#undef CPQ_SYMBOL
  return NULL;
}

#endif
