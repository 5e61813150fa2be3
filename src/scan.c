#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cfgfile.h"
#include "scan.h"
#include "share.h"
#include "strmap.h"
#include "xalloc.h"

/*
 * If name is <mac>.cfg, <mac>-phone.cfg, <mac>-web.cfg or <mac>-system.cfg
 * (any case), write the lowercase MAC and return 1.  The zeros file names
 * no phone.
 */
static int
phone_file(const char *name, char mac[MAC_LEN + 1], int *master)
{
	static const char *const tails[] = {
		".cfg", "-phone.cfg", "-web.cfg", "-system.cfg",
	};
	size_t	i;

	if (strlen(name) <= MAC_LEN || !mac_is_hex12(name, MAC_LEN))
		return 0;
	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++)
		if (strcasecmp(name + MAC_LEN, tails[i]) == 0)
			break;
	if (i == sizeof(tails) / sizeof(tails[0]))
		return 0;
	for (i = 0; i < MAC_LEN; i++)
		mac[i] = tolower((unsigned char)name[i]);
	mac[MAC_LEN] = '\0';
	*master = strcasecmp(name + MAC_LEN, ".cfg") == 0;
	return strcmp(mac, "000000000000") != 0;
}

#define LISTED	((void *)1)	/* a value for the set of directories */

/* The relative overrides directory a master names, or NULL. */
static char *
overrides_of(struct share *sh, const char *master)
{
	const struct cfgfile	*cf = share_file(sh, master);
	const char		*od;

	if (cf->status != CFG_OK ||
	    (od = cfgfile_get(cf, "OVERRIDES_DIRECTORY", NULL)) == NULL ||
	    strstr(od, "://") != NULL)
		return NULL;
	while (*od == '/')
		od++;
	return *od ? share_path("", od) : NULL;
}

/*
 * The share-relative path of an override file of mac, in the root or in
 * an overrides directory the zeros file or a <mac>.cfg master names;
 * malloced, NULL if there is none.
 */
char *
scan_override_file(struct share *sh, const char *mac)
{
	static const char *const tails[] = {
		"-phone.cfg", "-web.cfg", "-system.cfg",
	};
	struct strmap	*dirs;
	char *const	*names;
	const char	*hit = NULL, *dir;
	char		 m[MAC_LEN + 1], *od, *name, *cause = NULL;
	size_t		 n, i, k;
	int		 master;

	dirs = strmap_new();
	strmap_put(dirs, "", NULL);
	if (share_list(sh, "", &names, &n, &cause) == -1)
		n = 0;
	free(cause);
	for (i = 0; i < n; i++)
		if ((strcmp(names[i], "000000000000.cfg") == 0 ||
		    (phone_file(names[i], m, &master) && master)) &&
		    (od = overrides_of(sh, names[i])) != NULL) {
			strmap_put(dirs, od, NULL);
			free(od);
		}
	for (i = 0; hit == NULL && i < strmap_count(dirs); i++) {
		strmap_at(dirs, i, &dir);
		for (k = 0; hit == NULL && k < sizeof(tails) / sizeof(tails[0]);
		    k++) {
			name = xconcat(mac, tails[k], NULL);
			hit = share_lookup(sh, dir, name, NULL);
			free(name);
		}
	}
	od = hit != NULL ? xstrdup(hit) : NULL;
	strmap_free(dirs, NULL);
	return od;
}

static int
cmpmac(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Collect the phones in dir; with masters set, note the masters too. */
static int
scan_dir(struct share *sh, const char *dir, struct strmap *macs,
    struct strmap *masters, char **cause)
{
	char *const	*names;
	char		 mac[MAC_LEN + 1];
	size_t		 n, i;
	int		 master;

	if (share_list(sh, dir, &names, &n, cause) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (!phone_file(names[i], mac, &master))
			continue;
		strmap_put(macs, mac, NULL);
		if (master && masters != NULL)
			strmap_put(masters, names[i], NULL);
	}
	return 0;
}

/*
 * Whether a master could name an overrides directory that holds phones
 * and is not in dirs yet.  Only a directory that exists can, and it lies
 * below the root: if every directory found in the root and in dirs is in
 * dirs, the masters need not be read before the phones are resolved.
 */
static int
dirs_open(struct share *sh, struct strmap *dirs)
{
	char *const	*names;
	const char	*dir;
	char		*path, *ignored = NULL;
	size_t		 n, i, k;
	int		 open = 0;

	for (k = 0; k <= strmap_count(dirs) && !open; k++) {
		dir = "";
		if (k > 0)
			strmap_at(dirs, k - 1, &dir);
		if (share_list(sh, dir, &names, &n, &ignored) == -1) {
			free(ignored);
			/* Below a directory we cannot list may be others. */
			return k > 0;
		}
		for (i = 0; i < n && !open; i++) {
			if (!share_maybe_dir(sh, dir, i))
				continue;
			path = share_path(dir, names[i]);
			open = path == NULL || strmap_get(dirs, path) == NULL;
			free(path);
		}
	}
	return open;
}

/*
 * Every phone the share describes, sorted.  Returns -1 with *cause only
 * when the share's root cannot be listed.
 */
int
scan_phones(struct share *sh, struct phonelist *pl, char **cause)
{
	struct strmap	*macs, *dirs, *masters;
	const char	*zeros, *key, **paths;
	char		*od, *ignored = NULL;
	size_t		 i;

	memset(pl, 0, sizeof(*pl));
	macs = strmap_new();
	dirs = strmap_new();
	masters = strmap_new();
	if (scan_dir(sh, "", macs, masters, cause) == -1) {
		strmap_free(macs, NULL);
		strmap_free(dirs, NULL);
		strmap_free(masters, NULL);
		return -1;
	}
	if ((zeros = share_lookup(sh, "", "000000000000.cfg", NULL)) != NULL &&
	    (od = overrides_of(sh, zeros)) != NULL) {
		strmap_put(dirs, od, LISTED);
		free(od);
	}
	if (dirs_open(sh, dirs)) {
		paths = xreallocarray(NULL, strmap_count(masters),
		    sizeof(*paths));
		for (i = 0; i < strmap_count(masters); i++)
			strmap_at(masters, i, &paths[i]);
		share_fetch_ahead(sh, paths, strmap_count(masters));
		free(paths);
		for (i = 0; i < strmap_count(masters); i++) {
			strmap_at(masters, i, &key);
			if ((od = overrides_of(sh, key)) != NULL) {
				strmap_put(dirs, od, LISTED);
				free(od);
			}
		}
	}
	/* An overrides directory that cannot be listed holds no phones. */
	for (i = 0; i < strmap_count(dirs); i++) {
		strmap_at(dirs, i, &key);
		if (scan_dir(sh, key, macs, NULL, &ignored) == -1) {
			free(ignored);
			ignored = NULL;
		}
	}
	phonelist_from(pl, macs);
	strmap_free(macs, NULL);
	strmap_free(dirs, NULL);
	strmap_free(masters, NULL);
	return 0;
}

/* The MACs that are macs' keys, sorted, as pl (which is overwritten). */
void
phonelist_from(struct phonelist *pl, const struct strmap *macs)
{
	const char	*key;
	size_t		 i;

	pl->n = strmap_count(macs);
	pl->mac = xreallocarray(NULL, pl->n, sizeof(*pl->mac));
	for (i = 0; i < pl->n; i++) {
		strmap_at(macs, i, &key);
		memcpy(pl->mac[i], key, MAC_LEN + 1);
	}
	if (pl->n > 0)
		qsort(pl->mac, pl->n, sizeof(*pl->mac), cmpmac);
}

void
phonelist_free(struct phonelist *pl)
{
	free(pl->mac);
	pl->mac = NULL;
	pl->n = 0;
}
