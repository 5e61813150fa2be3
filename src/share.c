#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "share_int.h"
#include "strmap.h"
#include "strpool.h"
#include "xalloc.h"

struct dirlist {
	char		**names;
	size_t		  n;
	unsigned char	 *isdir;	/* per name, or NULL: cannot tell */
	char		 *error;	/* why it could not be listed */
	char		**paths;	/* share-relative, made on demand */
	struct strmap	 *exact;	/* name -> index + 1 */
	struct strmap	 *folded;	/* lowercase name -> index + 1, on demand */
};

/* Open the share named by spec with no options; see share_open_opts(). */
struct share *
share_open(const char *spec, char **cause)
{
	return share_open_opts(spec, NULL, cause);
}

/* Open the share named by spec: a server URL or a local directory. */
struct share *
share_open_opts(const char *spec, const struct share_opts *o, char **cause)
{
	struct share	*sh;

	sh = xcalloc(1, sizeof(*sh));
	sh->ops = share_url_is_remote(spec) ? &share_url_ops : &share_dir_ops;
	sh->spec = xstrdup(spec);
	if (o != NULL && o->netrc != NULL)
		sh->netrc = xstrdup(o->netrc);
	/* A server's URL entries are fetched the way its other files are. */
	sh->follow_urls = sh->ops == &share_url_ops ||
	    (o != NULL && o->follow_urls);
	sh->files = strmap_new();
	sh->dirs = strmap_new();
	sh->uncached = getenv("POLYAUDIT_TEST_UNCACHED") != NULL;
	sh->jobs = o != NULL && o->jobs > 0 ? o->jobs : SHARE_JOBS;
	sh->servers = strmap_new();
	if (sh->ops->open(sh, spec, cause) == -1) {
		share_free(sh);
		return NULL;
	}
	return sh;
}

static void
dirlist_free(void *p)
{
	struct dirlist	*dl = p;
	size_t		 i;

	for (i = 0; i < dl->n; i++) {
		free(dl->names[i]);
		free(dl->paths[i]);
	}
	free(dl->names);
	free(dl->isdir);
	free(dl->paths);
	free(dl->error);
	strmap_free(dl->exact, NULL);
	strmap_free(dl->folded, NULL);
	free(dl);
}

/* A parsed file in the share's cache, and who borrows it. */
struct cached {
	struct cfgfile	*cf;		/* NULL while on its way */
	struct cfgfile	*pending;	/* "not yet fetched", till then */
	size_t		 holds;		/* resolutions holding it */
	int		 own;		/* held as one phone's own file */
	size_t		 adopted;	/* 1 + its index in the adoptees */
};

static void
file_free(void *p)
{
	struct cached	*c = p;

	if (c == NULL)
		return;
	cfgfile_free(c->cf);
	cfgfile_free(c->pending);
	free(c);
}

/* Free the strings of n fetched files; the array is the caller's. */
void
share_got_free(struct share_got *got, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(got[i].path);
		free(got[i].buf);
		free(got[i].cause);
	}
}

static void
got_free(struct share *sh)
{
	share_got_free(sh->got, sh->ngot);
	sh->ngot = 0;
}

struct memo {
	void	 *p;
	void	(*free)(void *);
};

static void
memo_free(void *p)
{
	struct memo	*m = p;

	m->free(m->p);
	free(m);
}

void *
share_memo(struct share *sh, const char *key)
{
	struct memo	*m;

	m = sh->memos != NULL ? strmap_get(sh->memos, key) : NULL;
	return m != NULL ? m->p : NULL;
}

void
share_memo_put(struct share *sh, const char *key, void *p,
    void (*freep)(void *))
{
	struct memo	*m;

	if (sh->memos == NULL)
		sh->memos = strmap_new();
	m = xcalloc(1, sizeof(*m));
	m->p = p;
	m->free = freep;
	if (strmap_put(sh->memos, key, m) == -1)
		abort();
}

void
share_free(struct share *sh)
{
	if (sh == NULL)
		return;
	if (sh->priv != NULL)
		sh->ops->close(sh);
	strmap_free(sh->files, file_free);
	free(sh->adoptees);
	got_free(sh);
	free(sh->got);
	free(sh->done);
	free(sh->missed);
	strmap_free(sh->dirs, dirlist_free);
	strmap_free(sh->servers, free);
	strmap_free(sh->texts, free);
	strmap_free(sh->memos, memo_free);
	free(sh->netrc);
	free(sh->spec);
	free(sh);
}

const char *
share_spec(const struct share *sh)
{
	return sh->spec;
}

/*
 * Whether share_path(dir, name) is name itself: a plain name in the root,
 * as most entries are, so a caller need not make the copy.
 */
int
share_path_plain(const char *dir, const char *name)
{
	return *dir == '\0' && name[0] != '\0' &&
	    strpbrk(name, "/\\") == NULL && strcmp(name, ".") != 0 &&
	    strcmp(name, "..") != 0;
}

/*
 * Whether name holds a ".." between backslashes, or between a backslash
 * and a slash: a Windows server (IIS, its FTP service) takes a backslash
 * as a separator, so "..\x" would leave the share there.
 */
static int
climbs_backslash(const char *name)
{
	const char	*p;
	size_t		 seg;

	if (strchr(name, '\\') == NULL)
		return 0;
	for (p = name; *p != '\0'; p += seg + (p[seg] != '\0'))
		if ((seg = strcspn(p, "/\\")) == 2 && p[0] == '.' &&
		    p[1] == '.')
			return 1;
	return 0;
}

/*
 * Join name to dir and normalise "." and "..", lexically.  Returns a
 * malloced share-relative path ("" for the root), or NULL when the name
 * is absolute or climbs above the root, with a backslash too.
 */
char *
share_path(const char *dir, const char *name)
{
	const char	*parts[2] = { dir, name }, *p;
	char		*out;
	size_t		 len = 0, seg;
	int		 i;

	if (name[0] == '/' || name[0] == '\\' || climbs_backslash(name))
		return NULL;
	if (share_path_plain(dir, name))
		return xstrdup(name);
	/* Called for every entry of every phone: one allocation, one pass. */
	out = xmalloc(strlen(dir) + strlen(name) + 2);
	out[0] = '\0';
	for (i = 0; i < 2; i++)
		for (p = parts[i]; *p != '\0'; p += seg) {
			if ((seg = strcspn(p, "/")) == 0) {
				seg = 1;
				continue;
			}
			if (seg == 1 && p[0] == '.')
				continue;
			if (seg == 2 && p[0] == '.' && p[1] == '.') {
				if (len == 0) {
					free(out);
					return NULL;
				}
				while (len > 0 && out[len - 1] != '/')
					len--;
				if (len > 0)
					len--;
				out[len] = '\0';
				continue;
			}
			if (len > 0)
				out[len++] = '/';
			memcpy(out + len, p, seg);
			len += seg;
			out[len] = '\0';
		}
	return out;
}

/* The cache entry for key, made if there is none. */
static struct cached *
entry(struct share *sh, const char *key)
{
	void	**slot = strmap_slot(sh->files, key);

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct cached));
	return *slot;
}

/* Keep cf under key; a key whose file was released is reused. */
static void
remember(struct share *sh, const char *key, struct cfgfile *cf)
{
	struct cached	*c = entry(sh, key);

	cfgfile_free(c->pending);
	c->pending = NULL;
	c->cf = cf;
	/* Lent and let go of without a look-up (a URL's key is not its path). */
	if (strcmp(key, cf->path) == 0)
		cf->entry = c;
}

static struct cfgfile *
cached(const struct share *sh, const char *key)
{
	struct cached	*c = strmap_get(sh->files, key);

	return c != NULL ? c->cf : NULL;
}

/* A held file cannot stay on the adoption list: it may be freed. */
static void
adoption_ends(struct share *sh, struct cached *c)
{
	struct cached	*last = sh->adoptees[--sh->nadopted];

	/* By index, not a search: a phone may have 100,000s of files. */
	sh->adoptees[c->adopted - 1] = last;
	last->adopted = c->adopted;
	c->adopted = 0;
}

/*
 * A resolution borrows cf until share_release().  A file held as a phone's
 * own (its master, line file, overrides) is freed when the last holder
 * lets go, so memory does not grow with the phones; a file many phones
 * share stays parsed.  POLYAUDIT_TEST_UNCACHED (a test knob) frees every
 * file that way, so that each phone reads all its files again.  Returns
 * SHARE_HELD when cf is held (then share_release() it), SHARE_KEPT when
 * cf lives as long as the share, else SHARE_PASSING.
 */
int
share_hold(struct share *sh, const struct cfgfile *cf, int own)
{
	struct cached	*c;

	/* A probe's resolution is gone before the file could be freed. */
	if (sh->probing)
		return SHARE_PASSING;
	/*
	 * Lent as shared, a file is never freed, even when it is also some
	 * phone's own (a master listing itself, another phone's line file):
	 * its address may key a run index (runindex.c).  The share made cf.
	 */
	if (!own && !sh->uncached) {
		((struct cfgfile *)cf)->kept = 1;
		return SHARE_KEPT;
	}
	if ((c = cf->entry) == NULL || c->cf != cf)
		return SHARE_PASSING;
	if (c->adopted)
		adoption_ends(sh, c);
	c->holds++;
	c->own |= own;
	return SHARE_HELD;
}

void
share_release(struct share *sh, const struct cfgfile *cf)
{
	struct cached	*c;

	if ((c = cf->entry) == NULL || c->cf != cf ||
	    c->holds == 0 || --c->holds > 0 || (!c->own && !sh->uncached) ||
	    cf->kept)
		return;
	strmap_set(sh->files, cf->path, NULL);
	file_free(c);
}

/* The file a read said this about. */
static struct cfgfile *
parsed(const char *path, enum cfg_status st, const char *buf, size_t len,
    const char *cause)
{
	if (st == CFG_OK)
		return cfgfile_parse(path, buf, len);
	return cfgfile_failed(path, st, 0, "%s",
	    cause ? cause : cfg_status_name(st));
}

/* Parse what a read said about path and keep it; the share owns it. */
static const struct cfgfile *
keep(struct share *sh, const char *path, enum cfg_status st, const char *buf,
    size_t len, const char *cause)
{
	struct cfgfile	*cf = parsed(path, st, buf, len, cause);

	remember(sh, path, cf);
	return cf;
}

/* Read and parse path, not cached: the caller owns the file. */
static struct cfgfile *
load(struct share *sh, const char *path)
{
	struct cfgfile	*cf;
	enum cfg_status	 st;
	char		*buf = NULL, *cause = NULL;
	size_t		 len = 0;

	st = sh->ops->read(sh, path, &buf, &len, NULL, &cause);
	cf = parsed(path, st, buf, len, cause);
	free(buf);
	free(cause);
	return cf;
}

/* Read path now, without the background transfers. */
static const struct cfgfile *
read_now(struct share *sh, const char *path)
{
	struct cfgfile	*cf = load(sh, path);

	remember(sh, path, cf);
	return cf;
}

/*
 * Take cf, read elsewhere (readahead.c), as what share_file() gives for
 * its path from now on, unless the share has that path already: then cf
 * is freed.
 */
void
share_adopt(struct share *sh, struct cfgfile *cf)
{
	struct cached	*c = entry(sh, cf->path);

	if (c->cf != NULL) {
		cfgfile_free(cf);
		return;
	}
	c->cf = cf;
	cf->entry = c;
	if (sh->nadopted == sh->adoptcap) {
		sh->adoptcap = sh->adoptcap ? sh->adoptcap * 2 : 8;
		sh->adoptees = xreallocarray(sh->adoptees, sh->adoptcap,
		    sizeof(*sh->adoptees));
	}
	sh->adoptees[sh->nadopted++] = c;
	c->adopted = sh->nadopted;
}

/*
 * Free what share_adopt() took since the last call and nobody was lent:
 * a read-ahead's guess the phones did not use would stay till
 * share_free().  A file lent as shared stays; one held left the list
 * when it was held, as it is freed when let go.
 */
void
share_unadopt(struct share *sh)
{
	struct cached	*c;
	size_t		 i;

	for (i = 0; i < sh->nadopted; i++) {
		c = sh->adoptees[i];
		c->adopted = 0;
		if (!c->cf->kept) {
			strmap_set(sh->files, c->cf->path, NULL);
			file_free(c);
		}
	}
	sh->nadopted = 0;
}

enum cfg_status
share_read(struct share *sh, const char *path, char **buf, size_t *len,
    char **cause)
{
	return share_read_dated(sh, path, buf, len, NULL, cause);
}

enum cfg_status
share_read_dated(struct share *sh, const char *path, char **buf, size_t *len,
    time_t *mtime, char **cause)
{
	enum cfg_status	st;
	char		*nbuf;

	*buf = *cause = NULL;
	*len = 0;
	if (mtime != NULL)
		*mtime = (time_t)-1;
	if ((st = sh->ops->read(sh, path, buf, len, mtime, cause)) != CFG_OK)
		return st;
	/* Past the year 9999 no report can write it: a forged time. */
	if (mtime != NULL && *mtime > (time_t)253402300799)
		*mtime = (time_t)-1;
	nbuf = xreallocarray(*buf, *len + 1, 1);
	nbuf[*len] = '\0';
	*buf = nbuf;
	return CFG_OK;
}

const char *
share_text(struct share *sh, const char *path, size_t max)
{
	char	*buf, *cause, *t;
	size_t	 len;

	if (sh->texts != NULL && (t = strmap_get(sh->texts, path)) != NULL)
		return *t != '\0' ? t : NULL;
	/* A probe reads nothing; the real resolution asks again. */
	if (sh->probing)
		return NULL;
	if (sh->texts == NULL)
		sh->texts = strmap_new();
	/* An unusable file is kept as "", which is never a version. */
	if (share_read(sh, path, &buf, &len, &cause) != CFG_OK ||
	    len > max || strlen(buf) != len) {
		free(buf);
		buf = xstrdup("");
	}
	free(cause);
	strmap_put(sh->texts, path, buf);
	return *buf != '\0' ? buf : NULL;
}

/* Start fetching path in the background unless it is on its way. */
static struct cached *
want(struct share *sh, const char *path)
{
	struct cached	*c = entry(sh, path);

	if (c->cf == NULL && c->pending == NULL) {
		c->pending = cfgfile_failed(path, CFG_MISSING, 0,
		    "not yet fetched");
		sh->ops->start(sh, path);
		sh->stats.planned++;
	}
	return c;
}

const struct cfgfile *
share_file(struct share *sh, const char *path)
{
	struct cached	*c;

	if ((c = strmap_get(sh->files, path)) != NULL && c->cf != NULL)
		return c->cf;
	if (sh->ops->start == NULL)
		return read_now(sh, path);
	c = want(sh, path);
	/* A probe notes the file and answers as if it were absent. */
	if (sh->probing) {
		if (sh->nmissed == sh->missedcap) {
			sh->missedcap = sh->missedcap ? sh->missedcap * 2 : 16;
			sh->missed = xreallocarray(sh->missed, sh->missedcap,
			    sizeof(*sh->missed));
		}
		sh->missed[sh->nmissed++] = c->pending->path;
		return c->pending;
	}
	while (c->cf == NULL)
		if (share_pump(sh, NULL, 1) == 0)
			return read_now(sh, path);	/* not reached */
	return c->cf;
}

int
share_fetches(const struct share *sh)
{
	return sh->ops->start != NULL;
}

/* Start or end a probe; starting one forgets what the last one missed. */
void
share_probe(struct share *sh, int on)
{
	sh->probing = on && sh->ops->start != NULL;
	if (on)
		sh->nmissed = 0;
}

/* The paths the last probe lacked, borrowed until the next share_pump(). */
size_t
share_missed(const struct share *sh, const char *const **paths)
{
	*paths = sh->missed;
	return sh->nmissed;
}

/*
 * Wait until at least one background fetch is done (if block; else only
 * take what is done and start more) and keep what came.  Returns how
 * many, with their paths (borrowed until the next call) if paths is not
 * NULL; 0 when nothing came.
 */
size_t
share_pump(struct share *sh, const char *const **paths, int block)
{
	struct share_got	*g;
	struct cached		*c;
	size_t			 i;

	got_free(sh);
	if (sh->got == NULL)
		sh->got = xcalloc(sh->jobs, sizeof(*sh->got));
	sh->ngot = sh->ops->wait(sh, sh->got, sh->jobs, block);
	for (i = 0; i < sh->ngot; i++) {
		g = &sh->got[i];
		sh->stats.fetched++;
		if ((c = strmap_get(sh->files, g->path)) == NULL ||
		    c->pending == NULL)
			continue;
		/* A redirect is vetted by read(), alone. */
		if (g->later) {
			cfgfile_free(c->pending);
			c->pending = NULL;
			read_now(sh, g->path);
		} else
			keep(sh, g->path, g->status, g->buf, g->len, g->cause);
	}
	/* The paths stay valid: the next call frees them first. */
	if (paths != NULL) {
		if (sh->done == NULL)
			sh->done = xcalloc(sh->jobs, sizeof(*sh->done));
		for (i = 0; i < sh->ngot; i++)
			sh->done[i] = sh->got[i].path;
		*paths = sh->done;
	}
	return sh->ngot;
}

const struct share_stats *
share_stats(const struct share *sh)
{
	return &sh->stats;
}

/* Fetch these files together, ahead of their use, where that helps. */
void
share_fetch_ahead(struct share *sh, const char *const *paths, size_t n)
{
	size_t	i;

	if (sh->ops->start == NULL)
		return;
	for (i = 0; i < n; i++)
		if (cached(sh, paths[i]) == NULL)
			want(sh, paths[i]);
	while (share_pump(sh, NULL, 1) > 0)
		;
}

const struct cfgfile *
share_url_file(struct share *sh, const char *url)
{
	struct cfgfile	*cf;
	enum cfg_status	 st;
	char		*buf = NULL, *cause = NULL, *shown = NULL;
	size_t		 len = 0;

	if (!sh->follow_urls)
		return NULL;
	/* Keyed by the URL: a normalised share path never holds "//". */
	if ((cf = cached(sh, url)) != NULL)
		return cf;
	st = share_url_get(url, sh->netrc, sh->servers, &buf, &len, &shown,
	    &cause);
	if (st == CFG_OK)
		cf = cfgfile_parse(shown, buf, len);
	else
		cf = cfgfile_failed(shown, st, 0, "%s",
		    cause ? cause : cfg_status_name(st));
	free(buf);
	free(cause);
	free(shown);
	remember(sh, url, cf);
	return cf;
}

/* A lowercase copy, for case-insensitive name matching. */
static char *
fold(const char *s)
{
	char	*low = xstrdup(s), *p;

	for (p = low; *p != '\0'; p++)
		*p = tolower((unsigned char)*p);
	return low;
}

static struct dirlist *
getdir(struct share *sh, const char *dir)
{
	struct dirlist	*dl;
	size_t		 i;

	if ((dl = strmap_get(sh->dirs, dir)) != NULL)
		return dl;
	dl = xcalloc(1, sizeof(*dl));
	if (sh->ops->list(sh, dir, &dl->names, &dl->isdir, &dl->n,
	    &dl->error) == -1) {
		dl->names = NULL;
		dl->isdir = NULL;
		dl->n = 0;
	}
	dl->paths = xcalloc(dl->n, sizeof(*dl->paths));
	dl->exact = strmap_new_sized(dl->n);
	for (i = 0; i < dl->n; i++)
		strmap_put(dl->exact, dl->names[i], (void *)(uintptr_t)(i + 1));
	strmap_put(sh->dirs, dir, dl);
	return dl;
}

/* Index of the name that matches low in any case, + 1; 0 if none. */
static uintptr_t
lookup_folded(struct dirlist *dl, const char *low)
{
	char	*f;
	size_t	 i;

	/* Most names are found as they are; fold a listing only on a miss. */
	if (dl->folded == NULL) {
		dl->folded = strmap_new_sized(dl->n);
		for (i = 0; i < dl->n; i++) {
			f = fold(dl->names[i]);
			strmap_put(dl->folded, f, (void *)(uintptr_t)(i + 1));
			free(f);
		}
	}
	return (uintptr_t)strmap_get(dl->folded, low);
}

int
share_remote(const struct share *sh)
{
	return sh->ops == &share_url_ops;
}

int
share_tls_chain(struct share *sh, const char *const **pems, size_t *n,
    const char **host, const char **cause)
{
	if (!share_remote(sh))
		return 0;
	return share_url_chain(sh, pems, n, host, cause);
}

int
share_list(struct share *sh, const char *dir, char *const **names, size_t *n,
    char **cause)
{
	struct dirlist	*dl = getdir(sh, dir);

	if (dl->error != NULL) {
		*cause = xstrdup(dl->error);
		return -1;
	}
	*names = dl->names;
	*n = dl->n;
	return 0;
}

/* Whether the i-th name share_list() gave for dir may be a directory. */
int
share_maybe_dir(struct share *sh, const char *dir, size_t i)
{
	struct dirlist	*dl = getdir(sh, dir);

	return i < dl->n && (dl->isdir == NULL || dl->isdir[i]);
}

const char *
share_lookup(struct share *sh, const char *dir, const char *name, int *exact)
{
	struct dirlist		*dl = getdir(sh, dir);
	const struct cfgfile	*cf;
	uintptr_t		 k;
	char			 small[256], *low, *path;
	size_t			 i;

	/*
	 * A server that cannot list (TFTP, HTTP without an index page) or a
	 * directory we may not read (mode 311, a link out of the share) is
	 * asked for the exact name, as a phone does; only "missing" is
	 * absent, a refusal is kept so it shows in the chain.
	 */
	if (dl->error != NULL) {
		path = *dir ? xconcat(dir, "/", name, NULL) : xstrdup(name);
		cf = share_file(sh, path);
		free(path);
		if (exact != NULL)
			*exact = 1;
		return cf->status == CFG_MISSING ? NULL : cf->path;
	}
	if ((k = (uintptr_t)strmap_get(dl->exact, name)) == 0) {
		/* Most misses are override files a phone does not have. */
		if (strlen(name) < sizeof(small)) {
			for (i = 0; name[i] != '\0'; i++)
				small[i] = tolower((unsigned char)name[i]);
			small[i] = '\0';
			low = small;
		} else
			low = fold(name);
		k = lookup_folded(dl, low);
		if (low != small)
			free(low);
		if (k == 0)
			return NULL;
	}
	k--;
	if (exact != NULL)
		*exact = strcmp(dl->names[k], name) == 0;
	if (dl->paths[k] == NULL)
		dl->paths[k] = *dir ? xconcat(dir, "/", dl->names[k], NULL) :
		    xstrdup(dl->names[k]);
	return dl->paths[k];
}

/*
 * What another thread may use of a local share while this one goes on
 * with it (readahead.c): the directory backend's read(), which touches
 * only its own state, set at share_open(), and the directories listed so
 * far, whose names stay as they are until share_free().
 */
struct share_view {
	struct share		*sh;		/* for its read(), only */
	size_t			 n;
	struct listed {
		const char		*dir;
		const struct strmap	*exact;
	}			*listed;	/* in pool, as the dirs */
	struct strpool		 pool;
};

/* A view of sh for another thread, or NULL for a server share. */
struct share_view *
share_view_new(struct share *sh)
{
	struct share_view	*v;
	struct dirlist		*dl;
	const char		*dir;
	size_t			 i;

	if (sh->ops != &share_dir_ops)
		return NULL;
	v = xcalloc(1, sizeof(*v));
	v->sh = sh;
	v->listed = strpool_calloc(&v->pool, strmap_count(sh->dirs) + 1,
	    sizeof(*v->listed));
	for (i = 0; i < strmap_count(sh->dirs); i++) {
		/* A directory that cannot be listed tells nothing. */
		if ((dl = strmap_at(sh->dirs, i, &dir)) == NULL ||
		    dl->error != NULL)
			continue;
		/* The map's keys may move as it grows: a copy. */
		v->listed[v->n].dir = strpool_dup(&v->pool, dir);
		v->listed[v->n++].exact = dl->exact;
	}
	return v;
}

void
share_view_free(struct share_view *v)
{
	if (v != NULL)
		strpool_free(&v->pool);
	free(v);
}

/*
 * Whether dir's listing holds name as it is: 1 or 0, or -1 when the view
 * has no listing of dir.
 */
int
share_view_has(const struct share_view *v, const char *dir, const char *name)
{
	size_t	i;

	for (i = 0; i < v->n; i++)
		if (strcmp(v->listed[i].dir, dir) == 0)
			return strmap_get(v->listed[i].exact, name) != NULL;
	return -1;
}

/* Read and parse path as share_file() would, not cached: the caller's. */
struct cfgfile *
share_view_load(const struct share_view *v, const char *path)
{
	return load(v->sh, path);
}
