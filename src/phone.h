/*
 * Read-only audit of Poly phones over their REST API (the only libcurl
 * user).  A run audits N phones concurrently, one request at a time per
 * phone; a single phone is a fleet of one.
 *
 * Ownership: phone_run() copies everything it needs from its arguments.
 * Each finished phone is handed to done() as a malloced struct
 * phone_result that the callee owns and releases with phone_result_free().
 * A result's values and strings live in its pool (text) and last as long
 * as it; a callee that changes one puts the new string there too.
 */
#ifndef PHONE_H
#define PHONE_H

#include <stddef.h>

#include "mac.h"
#include "strpool.h"

enum phone_err {
	PHONE_OK = 0,
	PHONE_E_UNREACHABLE,	/* cannot resolve or connect */
	PHONE_E_TIMEOUT,	/* a request or the phone's bound ran out */
	PHONE_E_TLS,		/* handshake or certificate refused */
	PHONE_E_AUTH,		/* 401 after credentials: never retried */
	PHONE_E_DISABLED,	/* 404 on device/info: REST API off */
	PHONE_E_BUSY,		/* still busy after every retry */
	PHONE_E_DEFAULT_PASSWORD, /* Status 4010 */
	PHONE_E_PROTOCOL,	/* bad body, unexpected code or Status */
	PHONE_E_REDIRECT,	/* 3xx: not followed */
	PHONE_E_TOO_BIG,	/* body over the cap */
	PHONE_E_MISMATCH	/* not the phone named by --mac */
};

struct phone_target {
	const char	*host;	/* name or address, no scheme */
	unsigned	 port;	/* 0: phone_opts port */
	const char	*mac;	/* expected MAC (any form) or NULL */
};

struct phone_opts {
	const char	*user;		/* default "Polycom" */
	const char	*password;	/* NULL: netrc or none; copied */
	const char	*netrc_file;	/* CURL_NETRC_OPTIONAL if set */
	int		 http;		/* plain HTTP instead of HTTPS */
	unsigned	 port;		/* 0: the scheme's default */
	const char	*cacert;	/* CA bundle with the Poly root */
	int		 insecure;	/* no TLS verification (opt-in) */
	size_t		 jobs;		/* phones in flight, default 32 */
	long		 connect_ms;	/* per request, default 5000 */
	long		 request_ms;	/* per request, default 15000 */
	long		 phone_ms;	/* per phone, default 60000 */
	long		 busy_ms;	/* first busy back-off, default 2000 */
	int		 busy_tries;	/* attempts when busy, default 4 */
	size_t		 body_max;	/* default 1 MiB */
};

struct phone_identity {
	char	 mac[MAC_LEN + 1];	/* from device/info, canonical */
	char	*model;			/* normalised, VVX411; or NULL */
	char	*model_raw;		/* "VVX 411"; or NULL */
	char	*firmware;		/* 5.9.3.2857; or NULL */
	long	 deadline_ms;		/* its --timeout ends: phone_clock_ms() */
	char	*prov_server;		/* user:pass@ redacted; or NULL */
	char	*prov_type;		/* or NULL */
	char	*prov_user;		/* or NULL */
};

struct phone_value {
	char	*name;
	char	*value;		/* NULL: unknown to the firmware */
	char	*source;	/* default, config, device, web...; or NULL */
	int	 listed;	/* unknown: named in InvalidParams */
};

struct phone_result {
	size_t			 index;		/* position in targets */
	char			*host;
	struct phone_identity	 id;
	struct phone_value	*values;	/* in names_for() order */
	size_t			 nvalues;
	enum phone_err		 kind;
	char			*error;		/* NULL if kind is PHONE_OK */
	int			 insecure;	/* TLS not verified */
	char			*tls_warning;	/* CN is not the MAC; or NULL */
	struct strpool		 text;		/* values and the strings */
};

struct phone_cb {
	/*
	 * The names to read from this phone, once its identity is known.
	 * Sets *names to an array of n strings the engine copies before
	 * the next callback; return 0 to read nothing.  May be NULL.
	 */
	size_t	(*names_for)(void *, const struct phone_identity *,
		    const char *const **);
	/* One phone finished; the callee owns the result. */
	void	(*done)(void *, struct phone_result *);
	/* Progress after each phone: finished, total, failed.  May be NULL. */
	void	(*progress)(void *, size_t, size_t, size_t);
	void	*arg;
};

void	 phone_opts_init(struct phone_opts *);
int	 phone_run(const struct phone_opts *, const struct phone_target *,
	    size_t, const struct phone_cb *, char **);
void	 phone_result_free(struct phone_result *);
/* The clock of phone_identity.deadline_ms, in milliseconds. */
long	 phone_clock_ms(void);
const char *phone_err_name(enum phone_err);
int	 phone_password_load(const char *, int, char **, char **);
void	 phone_password_free(char *);

#endif
