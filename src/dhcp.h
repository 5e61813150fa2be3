/*
 * DHCP options a Poly phone depends on: 43 (MS-UC-Client vendor options
 * carrying the certificate-provisioning URL), 120 (SIP servers, RFC 3361),
 * 60 (vendor class) and the boot server, 66 and 160.  Pure decoding and
 * encoding, no I/O: the decoders take any bytes and never read past the
 * buffer they are given.
 *
 * Everything a struct dhcp_result holds is owned by it and freed by
 * dhcp_result_free().
 */
#ifndef DHCP_H
#define DHCP_H

#include <stddef.h>
#include <stdint.h>

#define DHCP_CISCO_HEX_LIMIT	180	/* IOS "option 43 hex" keeps this many */
#define DHCP_MSUC_CLASS		"MS-UC-Client"
#define DHCP_DEFAULT_SCHEME	"https"
#define DHCP_DEFAULT_PORT	443
#define DHCP_DEFAULT_PATH	"/CertProv/CertProvisioningService.svc"
#define DHCP_POLY_ENTERPRISE	13885	/* 00 00 36 3D */

struct dhcp_subopt {
	int		 code;
	size_t		 length;	/* as declared in the option */
	size_t		 have;		/* bytes present; < length if cut */
	unsigned char	*value;		/* have bytes, malloced */
};

struct dhcp_warning {
	const char	*code;		/* stable, e.g. "truncated" */
	char		*message;	/* malloced */
};

struct dhcp_result {
	int			 option;	/* 43, 120, 60, 66 or 160 */
	int			 encoding;	/* 120: 0 names, 1 IPv4; 60: below */
#define DHCP_60_STRING	0
#define DHCP_60_VIVC	1
#define DHCP_60_RAW	2
#define DHCP_BOOT_ADDRESS 0	/* 66/160: items[0] the server as shown */
#define DHCP_BOOT_NAME	1
#define DHCP_BOOT_URL	2	/* items[1] the scheme, lowercase */
	uint32_t		 enterprise;	/* 60 in RFC 3925 form */
	struct dhcp_subopt	*subs;
	size_t			 nsubs;
	char			**items;	/* 120 names/addresses, 60 string */
	size_t			 nitems;
	char			*sts_uri;	/* 43 only; NULL if incomplete */
	struct dhcp_warning	*warns;
	size_t			 nwarns;
	struct dhcp_warning	*notes;		/* how the input was read */
	size_t			 nnotes;
};

/* dhcp.c */
int		 dhcp_hex_parse(const char *, unsigned char **, size_t *,
		     size_t *, char **);
char		*dhcp_hex_format(const unsigned char *, size_t);
struct dhcp_result *dhcp_decode43(const unsigned char *, size_t, size_t);
struct dhcp_result *dhcp_decode120(const unsigned char *, size_t);
struct dhcp_result *dhcp_decode60(const unsigned char *, size_t);
struct dhcp_result *dhcp_decode_boot(int, const unsigned char *, size_t);
struct dhcp_result *dhcp_decode(int, const unsigned char *, size_t, size_t);
void		 dhcp_result_free(struct dhcp_result *);
int		 dhcp_haswarn(const struct dhcp_result *, const char *);
const char	*dhcp_subopt_name(int, int);
int		 dhcp_is_printable(const unsigned char *, size_t);
int		 dhcp_encode43(const char *, unsigned int, const char *,
		     const char *, unsigned char **, size_t *, char **);

#endif
