/*
 * Poly phone REST bodies: build requests and parse responses into plain C
 * structs.  Pure jansson, no I/O, so it can be fuzzed.  For use by phone.c
 * and its tests.
 *
 * Every rest_parse_* returns 0 on success or -1 with *cause set to a
 * malloced message (caller frees) and the struct zeroed.  The strings of
 * a struct filled by a parser are copied into the pool the caller passes
 * (strpool.h) and last as long as it, on failure too; only rest_config's
 * array is the struct's own, freed by rest_config_free(), which accepts
 * a zeroed struct.
 */
#ifndef REST_H
#define REST_H

#include <stddef.h>

#include "mac.h"
#include "strpool.h"

#define REST_MAX_NAMES	20	/* config/get limit per request */
#define REST_STATUS_NONE (-1)	/* body carries no Status member */

#define REST_OK			2000
#define REST_BUSY		4001
#define REST_TOO_MANY		4009
#define REST_DEFAULT_PASSWORD	4010

struct rest_device {
	char	 mac[MAC_LEN + 1];	/* canonical, "" if absent */
	char	*model;			/* normalised: VVX411; NULL if absent */
	char	*model_raw;		/* as sent: "VVX 411" */
	char	*firmware;		/* 5.9.3.2857; NULL if absent */
	int	 nested;		/* Firmware{}/UpTime{} shape */
};

struct rest_network {
	char	*prov_server;	/* user:pass@ redacted; NULL if absent */
	char	*prov_type;	/* FTP, HTTPS...; NULL if absent */
	char	*prov_user;	/* NULL if absent */
};

struct rest_param {
	char	*name;
	char	*value;		/* NULL: unknown to this firmware */
	char	*source;	/* default, config, device, web...; or NULL */
	int	 listed;	/* named in InvalidParams, not just left out */
};

struct rest_config {
	struct rest_param *params;	/* one per requested name, in order */
	size_t		   nparams;
	size_t		   nunknown;	/* params with value NULL */
};

char	*rest_config_request(const char *const *, size_t);
int	 rest_parse_status(const char *, size_t, long *, char **);
int	 rest_parse_device(const char *, size_t, struct strpool *,
	    struct rest_device *, char **);
int	 rest_parse_network(const char *, size_t, struct strpool *,
	    struct rest_network *, char **);
int	 rest_parse_config(const char *, size_t, const char *const *, size_t,
	    struct strpool *, struct rest_config *, char **);
void	 rest_config_free(struct rest_config *);
char	*rest_model_normalise(const char *);
const char *rest_status_text(long);

#endif
