/*
 * Would a phone trust the share's server?  The certificate chain of an
 * https:// or ftps:// share against what a phone configured by the
 * share checks: validity dates (tls-expired), the host name in the share
 * URL (tls-name) and the CA certificates it trusts (tls-untrusted).
 * Whether polyaudit itself trusts the server for its own transfers is
 * another question, answered by its transfers.
 */
#ifndef TLSTRUST_H
#define TLSTRUST_H

#include <stddef.h>

struct findings;
struct merged;
struct share;
struct tls_server;

/* The share's server as a phone meets it, read once; NULL for a share
 * that is not https:// or ftps://. */
struct tls_server	*tls_server_new(struct share *);
/* The same from a chain as sent (PEM, leaf first) and the URL's host;
 * NULL when no certificate in it can be read. */
struct tls_server	*tls_server_from(const char *, const char *const *,
			    size_t);
void			 tls_server_free(struct tls_server *);
/* The findings for one phone, whose merged values say which CAs it has. */
void			 tls_check(const struct tls_server *, struct merged *,
			    struct findings *);

#endif
