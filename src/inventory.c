#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inventory.h"
#include "xalloc.h"

static void	add(struct inventory *, const struct inv_entry *);
static int	parse_hostport(char *, char **, unsigned *, const char **);

/*
 * "host", "host:port" or "[v6]:port", as a phone is named on the command
 * line or in an inventory: *host is malloced, *port 0 when not given.
 * -1 with *why (static) when it is not one.
 */
int
inventory_hostport(const char *s, char **host, unsigned *port,
    const char **why)
{
	char	*copy = xstrdup(s), *h;
	int	 rc;

	if ((rc = parse_hostport(copy, &h, port, why)) == 0)
		*host = xstrdup(h);
	free(copy);
	return rc;
}

/*
 * The inventory of one phone: spec as inventory_hostport() takes it, mac
 * canonical or "".  -1 with *why (static), and inv empty, when spec is
 * not a host.
 */
int
inventory_one(const char *spec, const char *mac, struct inventory *inv,
    const char **why)
{
	struct inv_entry	 e;
	char			*copy = xstrdup(spec), *h;
	int			 rc;

	memset(inv, 0, sizeof(*inv));
	memset(&e, 0, sizeof(e));
	if ((rc = parse_hostport(copy, &h, &e.port, why)) == 0) {
		e.host = strpool_dup(&inv->text, h);
		snprintf(e.mac, sizeof(e.mac), "%s", mac);
		e.line = 1;
		add(inv, &e);
	}
	free(copy);
	return rc;
}

/* Host names and addresses: letters, digits, '.', '-', '_', and ':' for IPv6. */
static int
valid_host(const char *h, int bracketed)
{
	if (*h == '\0' || strlen(h) > 253)
		return 0;
	for (; *h != '\0'; h++)
		if (!isalnum((unsigned char)*h) && strchr(".-_", *h) == NULL &&
		    !(bracketed && *h == ':'))
			return 0;
	return 1;
}

/*
 * Split "host[:port]" or "[v6]:port" in place: *host points into f.  -1
 * with *why if bad.
 */
static int
parse_hostport(char *f, char **host, unsigned *portp, const char **why)
{
	char	*colon, *end;
	long	 port;
	int	 br = 0;

	*portp = 0;

	if (*f == '[') {
		if ((end = strchr(f, ']')) == NULL) {
			*why = "unclosed '[' in host";
			return -1;
		}
		*end++ = '\0';
		f++;
		br = 1;
		colon = *end == ':' ? end : NULL;
		if (*end != '\0' && colon == NULL) {
			*why = "junk after ']'";
			return -1;
		}
	} else if ((colon = strchr(f, ':')) != NULL && strchr(colon + 1, ':')) {
		*why = "IPv6 addresses must be written in brackets: [::1]:443";
		return -1;
	}
	if (colon != NULL) {
		*colon++ = '\0';
		errno = 0;
		port = strtol(colon, &end, 10);
		if (*colon == '\0' || *end != '\0' || errno != 0 || port < 1 ||
		    port > 65535) {
			*why = "port must be a number from 1 to 65535";
			return -1;
		}
		*portp = (unsigned)port;
	}
	if (!valid_host(f, br)) {
		*why = "not a host name or address";
		return -1;
	}
	*host = f;
	return 0;
}

static int
looks_like_mac(const char *s)
{
	return strspn(s, "0123456789abcdefABCDEF:-") == strlen(s);
}

static void
add(struct inventory *inv, const struct inv_entry *e)
{
	inv->v = xreallocarray(inv->v, inv->n + 1, sizeof(*inv->v));
	inv->v[inv->n++] = *e;
}

/*
 * Parse len bytes (NULs allowed) named name; entries are appended to inv,
 * problems to fs.
 */
void
inventory_parse(const char *buf, size_t len, const char *name,
    struct inventory *inv, struct findings *fs)
{
	struct inv_entry	 e;
	const char		*p = buf, *end = buf + len, *nl, *why;
	char			*line, *f[4], *tok, *save, *hash, *host, *model;
	int			 lineno = 0, nf;

	for (; p < end; p = nl + 1) {
		lineno++;
		if ((nl = memchr(p, '\n', end - p)) == NULL)
			nl = end;
		line = xstrndup(p, nl - p);
		if ((size_t)(nl - p) != strlen(line)) {
			findings_add(fs, FIND_INVENTORY, name, lineno,
			    "NUL byte in line; skipped");
			free(line);
			continue;
		}
		if ((hash = strchr(line, '#')) != NULL)
			*hash = '\0';
		nf = 0;
		for (tok = strtok_r(line, " \t\r", &save); tok != NULL;
		    tok = strtok_r(NULL, " \t\r", &save))
			if (nf < 4)
				f[nf++] = tok;
			else
				nf++;
		memset(&e, 0, sizeof(e));
		e.line = lineno;
		why = NULL;
		model = NULL;
		if (nf == 0) {
			free(line);
			continue;
		}
		if (nf > 3)
			why = "too many fields: want host[:port] [mac] [model]";
		else if (parse_hostport(f[0], &host, &e.port, &why) == 0 &&
		    nf > 1 && mac_parse(f[1], e.mac) == -1) {
			/* "host model" is fine; a mangled MAC is not. */
			if (nf == 2 && !looks_like_mac(f[1]))
				model = f[1];
			else
				why = "bad MAC address";
		}
		if (why == NULL && nf == 3)
			model = f[2];
		if (why != NULL)
			findings_add(fs, FIND_INVENTORY, name, lineno,
			    "%s; line skipped", why);
		else {
			e.host = strpool_dup(&inv->text, host);
			e.model = strpool_dup(&inv->text, model);
			add(inv, &e);
		}
		free(line);
	}
}

/* Read an inventory file, or standard input for "-". */
int
inventory_read(const char *path, struct inventory *inv, struct findings *fs,
    char **cause)
{
	FILE	*fp;
	char	*buf;
	size_t	 len = 0, r;

	memset(inv, 0, sizeof(*inv));
	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "r")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	buf = xmalloc(INVENTORY_MAX + 1);
	while ((r = fread(buf + len, 1, INVENTORY_MAX + 1 - len, fp)) > 0)
		len += r;
	if (fp != stdin)
		fclose(fp);
	if (len > INVENTORY_MAX) {
		free(buf);
		*cause = xasprintf("%s: larger than %u MiB", path,
		    INVENTORY_MAX >> 20);
		return -1;
	}
	inventory_parse(buf, len, strcmp(path, "-") == 0 ? "(stdin)" : path,
	    inv, fs);
	free(buf);
	return 0;
}

void
inventory_free(struct inventory *inv)
{
	free(inv->v);
	strpool_free(&inv->text);
	memset(inv, 0, sizeof(*inv));
}
