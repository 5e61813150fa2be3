#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resolve.h"
#include "redact.h"
#include "runindex.h"
#include "share.h"
#include "strmap.h"
#include "xalloc.h"

#define NAME_MAX_POLY	255	/* longest CONFIG_FILES entry a phone takes */
#define LIST_MAX_POLY	2047	/* longest CONFIG_FILES value */

const char *
role_name(enum role r)
{
	switch (r) {
	case ROLE_PHONE_OVERRIDE:
		return "phone-override";
	case ROLE_WEB_OVERRIDE:
		return "web-override";
	default:
		return "config";
	}
}

/* Room for n more files in the chain. */
static void
reserve(struct resolution *r, size_t n)
{
	if (r->filescap - r->nfiles >= n)
		return;
	while (r->filescap - r->nfiles < n)
		r->filescap = r->filescap ? r->filescap * 2 : 4;
	r->files = xreallocarray(r->files, r->filescap, sizeof(*r->files));
}

/* Append a file to the chain; it takes path, which must be malloced. */
static struct chainfile *
addfile(struct resolution *r, char *path, enum role role)
{
	struct chainfile	*f;

	reserve(r, 1);
	f = &r->files[r->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = path;
	f->role = role;
	return f;
}

/*
 * Fill f from the parsed file and report what is wrong with it; a missing
 * listed file is reported against the master's line listing it.  written
 * is the entry before its tokens were substituted, or NULL.  own says the
 * file is this phone's alone (named for its MAC).  A chain path that is
 * the file's own path, borrowed, is copied unless the share keeps the
 * file for good.
 */
static void
attach(struct share *sh, struct resolution *r, struct chainfile *f,
    const struct cfgfile *cf, int listline, const char *written, int own)
{
	int	same, hold;

	hold = share_hold(sh, cf, own);
	f->held = hold == SHARE_HELD ? cf : NULL;
	f->kept = hold == SHARE_KEPT;
	if (f->borrowed && hold != SHARE_KEPT) {
		f->path = xstrdup(f->path);
		f->borrowed = 0;
	}
	f->status = cf->status;
	f->errline = cf->errline;
	if (cf->status == CFG_OK) {
		f->cf = cf;
		return;
	}
	f->error = xstrdup(cf->error);
	switch (cf->status) {
	case CFG_MALFORMED:
		findings_add(&r->findings, FIND_MALFORMED, f->path,
		    cf->errline, "malformed file: %s; nothing in it applies",
		    cf->error);
		break;
	case CFG_REFUSED:
		findings_add(&r->findings, FIND_REFUSED, f->path, 0,
		    "file not read: %s", cf->error);
		break;
	case CFG_ENCRYPTED:
		findings_add(&r->findings, FIND_ENCRYPTED, f->path, 0,
		    "encrypted file: its values are not audited, so no "
		    "parameter it sets can be checked, and each value shown "
		    "from a file after it may be shadowed by it");
		break;
	case CFG_MISSING:
		same = strcmp(cf->path, f->path) == 0;
		if (f->role == ROLE_CONFIG)
			findings_add(&r->findings, FIND_MISSING_FILE,
			    r->master, listline, "listed file %s%s%s%s is not "
			    "on the share%s%s%s", f->path, same ? "" : " (",
			    same ? "" : cf->path, same ? "" : ")",
			    strpbrk(f->path, "{$") ? " (its name holds "
			    "unrendered template syntax)" : "", written ?
			    "; the master writes it as " : "", written ?
			    written : "");
		break;
	default:
		break;
	}
}

/* APP_FILE_PATH, CONFIG_FILES_VVX411...: the master's, not parameters. */
int
resolve_is_master_attr(const char *name)
{
	if (!isupper((unsigned char)*name))
		return 0;
	for (; *name != '\0'; name++)
		if (!isupper((unsigned char)*name) &&
		    !isdigit((unsigned char)*name) && *name != '_')
			return 0;
	return 1;
}

static int
is_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* The directory part of a share-relative path ("" for the root). */
static char *
dirpart(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");
}

/*
 * A local directory that cannot be listed (no read permission, a link out
 * of the share) hides which names differ only in case: say so, naming it.
 * A server that never lists gets the no-listing note instead.
 */
static void
check_listing(struct share *sh, struct resolution *r, const char *dir)
{
	char *const	*names;
	char		*why = NULL, *buf, *cause;
	size_t		 n, len;
	enum cfg_status	 st;

	if (share_remote(sh) || share_list(sh, dir, &names, &n, &why) == 0)
		return;
	/* An absent directory holds nothing to miss: its files are missing. */
	st = share_read(sh, dir, &buf, &len, &cause);
	if (st == CFG_OK)
		free(buf);
	else
		free(cause);
	if (st == CFG_MISSING) {
		free(why);
		return;
	}
	findings_add(&r->findings, FIND_UNLISTABLE_DIR, *dir ? dir : ".", 0,
	    "directory %s cannot be listed (%s): the names a phone asks for "
	    "were read as they are, so a file whose name differs only in "
	    "case is not seen", *dir ? dir : "the share's root", why);
	free(why);
}

static void
pick_master(struct share *sh, const char *given, struct resolution *r)
{
	char *const	*names;
	char		*name, *path, *why = NULL;
	const char	*hit;
	size_t		 n;
	int		 exact, own = 0;

	if (given != NULL) {
		if ((path = share_path("", given)) == NULL) {
			findings_add(&r->findings, FIND_REFUSED, given,
			    0, "master path leaves the share");
			return;
		}
		r->master = path;
	} else {
		/* Without a listing the case check below cannot happen. */
		if (share_remote(sh) &&
		    share_list(sh, "", &names, &n, &why) == -1) {
			findings_add(&r->findings, FIND_NO_LISTING,
			    NULL, 0, "the share cannot be listed (%s): names "
			    "are asked for exactly, so a master whose name "
			    "differs only in case is not found", why);
			free(why);
		}
		check_listing(sh, r, "");
		name = xconcat(r->mac, ".cfg", NULL);
		hit = share_lookup(sh, "", name, &exact);
		if (hit != NULL && !exact)
			findings_add(&r->findings, FIND_MASTER_CASE,
			    hit, 0, "master file name is not lowercase; a phone "
			    "asks for %s and a case-sensitive server will not "
			    "find it", name);
		free(name);
		own = hit != NULL;
		if (hit == NULL)
			hit = share_lookup(sh, "", "000000000000.cfg", NULL);
		if (hit == NULL) {
			findings_add(&r->findings, FIND_NO_MASTER, NULL,
			    0, "no master file: neither %s.cfg nor "
			    "000000000000.cfg is on the share", r->mac);
			return;
		}
		r->master = xstrdup(hit);
	}
	r->mastercf = share_file(sh, r->master);
	r->masterheld = share_hold(sh, r->mastercf, own) == SHARE_HELD ?
	    r->mastercf : NULL;
	switch (r->mastercf->status) {
	case CFG_OK:
		break;
	case CFG_MALFORMED:
		findings_add(&r->findings, FIND_MALFORMED, r->master,
		    r->mastercf->errline, "malformed master: %s",
		    r->mastercf->error);
		break;
	case CFG_ENCRYPTED:
		findings_add(&r->findings, FIND_ENCRYPTED_MASTER, r->master,
		    0, "encrypted master: its values are not audited, and "
		    "only files other than the master may be encrypted");
		break;
	default:
		findings_add(&r->findings, r->mastercf->status ==
		    CFG_MISSING ? FIND_NO_MASTER : FIND_REFUSED, r->master, 0,
		    "master not read: %s", r->mastercf->error);
		break;
	}
}

/* The directory that holds the override files, per rule 4. */
static char *
overrides_dir(struct resolution *r)
{
	const char	*od;
	char		*dir;
	int		 line = 0;

	if (r->mastercf == NULL || r->mastercf->status != CFG_OK ||
	    (od = cfgfile_get(r->mastercf, "OVERRIDES_DIRECTORY", &line)) ==
	    NULL || is_blank(od))
		return xstrdup("");
	if (strstr(od, "://") != NULL) {
		dir = redact_url(od);
		findings_add(&r->findings, FIND_OVERRIDES_URL,
		    r->master, line, "OVERRIDES_DIRECTORY is a URL (%s); the "
		    "override files there were not checked, the share root "
		    "was searched instead", dir);
		free(dir);
		return xstrdup("");
	}
	/* "/overrides" means the server's root, taken to be the share's. */
	if (*od == '/') {
		while (*od == '/')
			od++;
		findings_add(&r->findings, FIND_OVERRIDES_ABSOLUTE,
		    r->master, line, "OVERRIDES_DIRECTORY is absolute: read "
		    "as %s under the share's root, but a phone resolves it "
		    "against its server's root, which may not be the share's",
		    *od ? od : "the root itself");
	}
	if ((dir = share_path("", od)) == NULL) {
		findings_add(&r->findings, FIND_REFUSED, r->master,
		    line, "OVERRIDES_DIRECTORY leaves the share: %s", od);
		return xstrdup("");
	}
	return dir;
}

/* "<mac>-<suffix>.cfg" into name, which has room for OVERRIDE_NAME bytes. */
#define OVERRIDE_NAME	(MAC_LEN + sizeof("-system.cfg"))

static const char *
override_name(char *name, const char *mac, const char *suffix)
{
	size_t	sl = strlen(suffix);

	memcpy(name, mac, MAC_LEN);
	name[MAC_LEN] = '-';
	memcpy(name + MAC_LEN + 1, suffix, sl);
	memcpy(name + MAC_LEN + 1 + sl, ".cfg", 5);
	return name;
}

/* The two override files a phone looks for, in precedence order. */
static const struct override {
	enum role	 role;
	const char	*suffix;
	const char	*cx5100;	/* a CX5100's name, if the first is absent */
} overrides[] = {
	{ ROLE_PHONE_OVERRIDE, "phone", "system" },
	{ ROLE_WEB_OVERRIDE, "web", NULL },
};

/*
 * The path of mac's override file o in dir, as find finds it, or NULL
 * with name, which has room for OVERRIDE_NAME bytes, the one looked for.
 */
static const char *
override_find(resolve_find *find, void *arg, const char *dir,
    const char *mac, const struct override *o, char *name)
{
	const char	*hit;

	/* Named for the phone: most phones have none, so nothing is copied. */
	hit = find(arg, dir, override_name(name, mac, o->suffix));
	if (hit == NULL && o->cx5100 != NULL &&
	    (hit = find(arg, dir, override_name(name, mac, o->cx5100))) ==
	    NULL)
		override_name(name, mac, o->suffix);
	return hit;
}

static const char *
find_on_share(void *sh, const char *dir, const char *name)
{
	return share_lookup(sh, dir, name, NULL);
}

static void
add_override(struct share *sh, struct resolution *r, const char *dir,
    const struct override *o)
{
	struct chainfile	*f;
	const char		*hit;
	char			 name[OVERRIDE_NAME], *path;

	if ((hit = override_find(find_on_share, sh, dir, r->mac, o, name)) !=
	    NULL) {
		f = addfile(r, xstrdup(hit), o->role);
		attach(sh, r, f, share_file(sh, hit), 0, NULL, 1);
	} else {
		path = *dir ? xconcat(dir, "/", name, NULL) : xstrdup(name);
		f = addfile(r, path, o->role);
		f->status = CFG_MISSING;
	}
}

/*
 * Replace every occurrence of token in s, which is malloced and given up.
 * One pass: a replacement is never searched again (with may contain the
 * token), and 320,000 tokens cost no more than their bytes (no strstr():
 * a sanitizer's checks each call over the whole rest of s).
 */
char *
resolve_subst(char *s, const char *token, const char *with)
{
	size_t	 tl = strlen(token), wl = strlen(with), len = strlen(s);
	size_t	 n = 0, o = 0, i;
	char	*out;

	for (i = 0; i + tl <= len; i++)
		if (s[i] == token[0] && memcmp(s + i, token, tl) == 0) {
			n++;
			i += tl - 1;
		}
	if (n == 0)
		return s;
	out = xmalloc(len - n * tl + n * wl + 1);
	for (i = 0; i < len; )
		if (i + tl <= len && s[i] == token[0] &&
		    memcmp(s + i, token, tl) == 0) {
			memcpy(out + o, with, wl);
			o += wl;
			i += tl;
		} else
			out[o++] = s[i++];
	out[o] = '\0';
	free(s);
	return out;
}

/* CONFIG_FILES or the model's own list, per rule 2. */
static const char *
pick_list(struct resolution *r, int *line, const char **attr)
{
	const char	*list, *generic;
	char		*name;
	int		 mline = 0;

	generic = cfgfile_get(r->mastercf, "CONFIG_FILES", line);
	*attr = "CONFIG_FILES";
	if (r->model == NULL)
		return generic;
	name = xconcat("CONFIG_FILES_", r->model, NULL);
	list = cfgfile_get(r->mastercf, name, &mline);
	if (list != NULL && is_blank(list))
		findings_add(&r->findings, FIND_AMBIGUOUS_MODEL_LIST,
		    r->master, mline, "%s is empty: the generic CONFIG_FILES "
		    "is used, but a phone may read it as \"no files\"", name);
	free(name);
	if (list == NULL || is_blank(list))
		return generic;
	*line = mline;
	*attr = "CONFIG_FILES_<model>";
	return list;
}

/*
 * entry with this phone's tokens substituted into *b (malloced; NULL when
 * it has none: most entries name a plain file, which is not copied).
 * Returns -1 when it needs the phone's model, which is not known.
 */
static int
subst_entry(const struct resolution *r, const char *entry, char **b)
{
	*b = strchr(entry, '[') == NULL ? NULL :
	    resolve_subst(xstrdup(entry), "[PHONE_MAC_ADDRESS]", r->mac);
	if (*b != NULL && r->model != NULL)
		*b = resolve_subst(*b, "[PHONE_MODEL]", r->model);
	else if (*b != NULL && strstr(*b, "[PHONE_MODEL]") != NULL)
		return -1;
	return 0;
}

/*
 * The share path a plain (not URL) entry names for r's phone, malloced;
 * NULL when it needs the phone's model, not known, or leaves the share.
 */
static char *
entry_path(const struct resolution *r, const char *entry,
    const char *masterdir)
{
	char	*b, *path;

	if (subst_entry(r, entry, &b) == -1) {
		free(b);
		return NULL;
	}
	if (b == NULL)
		b = xstrdup(entry);
	if (share_path_plain(masterdir, b))
		return b;
	path = share_path(masterdir, b);
	free(b);
	return path;
}

static void
add_listed(struct share *sh, struct resolution *r, const char *entry,
    const char *masterdir, struct strmap *seen, int line)
{
	const struct cfgfile	*cf;
	struct chainfile	*f;
	const char		*name;
	char			*b, *path = NULL, *shown;
	int			 url = strstr(entry, "://") != NULL;

	if (strlen(entry) > NAME_MAX_POLY)
		findings_add(&r->findings, FIND_LONG_ENTRY,
		    r->master, line, "CONFIG_FILES entry longer than %d "
		    "characters: %.40s...", NAME_MAX_POLY, entry);
	/* Fetched only from a server share or with --follow-urls. */
	if (url && (cf = share_url_file(sh, entry)) != NULL) {
		if (strmap_put(seen, entry, NULL) == -1) {
			findings_add(&r->findings, FIND_DUPLICATE_ENTRY,
			    r->master, line, "%s is listed more than once; "
			    "later entries add nothing", cf->path);
			return;
		}
		f = addfile(r, xstrdup(cf->path), ROLE_CONFIG);
		attach(sh, r, f, cf, line, NULL, 0);
		return;
	}
	if (url) {
		f = addfile(r, xstrdup(entry), ROLE_CONFIG);
		f->status = CFG_REFUSED;
		f->error = xstrdup("URL entry: not read from a local share");
		shown = redact_url(entry);
		findings_add(&r->findings, FIND_URL_ENTRY, r->master,
		    line, "URL entry %s is not read from a local share", shown);
		free(shown);
		return;
	}
	if (subst_entry(r, entry, &b) == -1) {
		f = addfile(r, b, ROLE_CONFIG);
		f->status = CFG_MISSING;
		f->error = xstrdup("needs the phone model (--model)");
		findings_add(&r->findings, FIND_NEEDS_MODEL,
		    r->master, line, "entry %s needs the phone's model: give "
		    "--model", entry);
		return;
	}
	/*
	 * A file that was not read is reported as the master lists it, with
	 * its tokens substituted: the name the phone asks for.
	 */
	name = b != NULL ? b : entry;
	if (!share_path_plain(masterdir, name) &&
	    (name = path = share_path(masterdir, name)) == NULL) {
		f = addfile(r, b != NULL ? b : xstrdup(entry), ROLE_CONFIG);
		f->status = CFG_REFUSED;
		f->error = xstrdup("path leaves the share");
		findings_add(&r->findings, FIND_REFUSED, r->master,
		    line, "entry %s leaves the share; not read", entry);
		return;
	}
	if (strmap_put(seen, name, NULL) == -1) {
		findings_add(&r->findings, FIND_DUPLICATE_ENTRY,
		    r->master, line, "%s is listed more than once; later "
		    "entries add nothing", name);
		free(path);
		free(b);
		return;
	}
	if (r->master != NULL && strcmp(name, r->master) == 0) {
		r->master_listed = 1;
		findings_add(&r->findings, FIND_MASTER_SELF,
		    r->master, line, "CONFIG_FILES lists the master itself: "
		    "a phone reads it again as a configuration file, so its "
		    "parameters apply at this place in the list");
	}
	cf = share_file(sh, name);
	if (cf->status == CFG_MISSING || cf->status == CFG_REFUSED) {
		free(path);
		path = b != NULL ? xstrdup(b) : xstrdup(entry);
	}
	/* A file found under its normalised name: borrow the file's path. */
	if (path == NULL) {
		f = addfile(r, (char *)cf->path, ROLE_CONFIG);
		f->borrowed = 1;
	} else
		f = addfile(r, path, ROLE_CONFIG);
	attach(sh, r, f, cf, line, b != NULL ? entry : NULL, b != NULL &&
	    strstr(entry, "[PHONE_MAC_ADDRESS]") != NULL);
	free(b);
}

/*
 * A CONFIG_FILES list phone after phone repeats names the same site files
 * for each of them: its plain entries (no token, no URL) found the same
 * kept, parsed files without a finding.  A list is remembered as it was
 * resolved once, so a later phone takes those files as they are and
 * resolves only its token entries.  A list whose plain entries did
 * anything else (a finding, a file missing or not kept) is resolved in
 * full every time.  A share remembers few lists, and short ones only.
 */
#define LIST_MEMO	"config-files:"	/* share memo keys */
#define LIST_MEMOS	64
#define LIST_MEMO_MAX	4096		/* longest list remembered */

struct listmemo {
	char			 *dir;		/* the master's directory */
	char			 *list;
	size_t			  n;
	const struct cfgfile	**cf;		/* per entry; NULL for a token */
	char			**token;	/* per entry, trimmed; or NULL */
	struct strmap		 *plain;	/* the plain entries' paths */
	int			  usable;	/* every plain entry as above */
};

/* A share's lists: how many are remembered, and the last one used. */
struct listmemos {
	size_t			 n;
	struct listmemo		*last;
};

static void
listmemo_free(void *p)
{
	struct listmemo	*lm = p;
	size_t		 i;

	for (i = 0; i < lm->n; i++)
		free(lm->token[i]);
	free(lm->token);
	free(lm->cf);
	strmap_free(lm->plain, NULL);
	free(lm->dir);
	free(lm->list);
	free(lm);
}

/* The memo key of list as the master in dir lists it (malloced). */
static char *
list_key(const char *dir, const char *list)
{
	char	len[24];

	snprintf(len, sizeof(len), "%zu:", strlen(dir));
	return xconcat(LIST_MEMO, len, dir, list, NULL);
}

/*
 * The memo of list in dir, or NULL.  With make, a list not yet seen gets
 * an empty memo for the caller to fill, while the share's budget lasts.
 */
static struct listmemo *
list_memo(struct share *sh, const char *dir, const char *list, int make)
{
	struct listmemos	*ms;
	struct listmemo		*lm;
	char			*key;

	if ((ms = share_memo(sh, LIST_MEMO)) == NULL) {
		ms = xcalloc(1, sizeof(*ms));
		share_memo_put(sh, LIST_MEMO, ms, free);
	}
	if (ms->last != NULL && strcmp(ms->last->list, list) == 0 &&
	    strcmp(ms->last->dir, dir) == 0)
		return ms->last;
	if (strlen(list) > LIST_MEMO_MAX)
		return NULL;
	key = list_key(dir, list);
	if ((lm = share_memo(sh, key)) == NULL && make &&
	    ms->n < LIST_MEMOS) {
		lm = xcalloc(1, sizeof(*lm));
		lm->dir = xstrdup(dir);
		lm->list = xstrdup(list);
		lm->plain = strmap_new();
		lm->usable = 1;
		share_memo_put(sh, key, lm, listmemo_free);
		ms->n++;
	}
	free(key);
	if (lm != NULL)
		ms->last = lm;
	return lm;
}

/*
 * Note entry, which add_listed() just took from file nfiles on with
 * nfind findings before it: a plain entry keeps the list usable only if
 * it found one kept, parsed file and nothing to report.
 */
static void
list_note(struct listmemo *lm, const struct resolution *r, const char *entry,
    size_t nfiles, size_t nfind)
{
	const struct chainfile	*f = &r->files[nfiles];
	int			 token = strchr(entry, '[') != NULL;

	lm->cf[lm->n] = NULL;
	lm->token[lm->n] = token ? xstrdup(entry) : NULL;
	lm->n++;
	if (token)
		return;
	if (strstr(entry, "://") != NULL || r->nfiles != nfiles + 1 ||
	    r->findings.n != nfind || !f->kept || f->cf == NULL)
		lm->usable = 0;
	else {
		lm->cf[lm->n - 1] = f->cf;
		strmap_put(lm->plain, f->cf->path, (void *)1);
	}
}

/*
 * The chain files of a remembered list, for this phone: 0, or -1 (and
 * nothing added) when it must be resolved in full: it lists the phone's
 * master, a token entry names a file a plain one does, or the share
 * does not lend its files as kept just now (a probe, a test knob).
 */
static int
add_remembered(struct share *sh, struct resolution *r,
    const struct listmemo *lm, const char *masterdir, int line)
{
	struct chainfile	*f;
	struct strmap		*seen;
	char			*path;
	size_t			 i, ntoken = 0, nplain = 0;
	int			 clash;

	if (r->master != NULL && strmap_get(lm->plain, r->master) != NULL)
		return -1;
	for (i = 0; i < lm->n; i++) {
		if (lm->cf[i] != NULL) {
			if (nplain++ == 0 &&
			    share_hold(sh, lm->cf[i], 0) != SHARE_KEPT)
				return -1;
			continue;
		}
		ntoken++;
		if (strstr(lm->token[i], "://") != NULL)
			continue;
		path = entry_path(r, lm->token[i], masterdir);
		clash = path != NULL && strmap_get(lm->plain, path) != NULL;
		free(path);
		if (clash)
			return -1;
	}
	if (nplain == 0)
		return -1;
	seen = strmap_new_sized(ntoken);
	for (i = 0; i < lm->n; i++) {
		if (lm->cf[i] == NULL) {
			add_listed(sh, r, lm->token[i], masterdir, seen, line);
			continue;
		}
		f = addfile(r, (char *)lm->cf[i]->path, ROLE_CONFIG);
		f->borrowed = 1;
		f->kept = 1;
		f->status = CFG_OK;
		f->cf = lm->cf[i];
	}
	strmap_free(seen, NULL);
	return 0;
}

/* A list entry without the white space around it, in place. */
static char *
trimmed(char *tok)
{
	char	*e;

	while (isspace((unsigned char)*tok))
		tok++;
	for (e = tok + strlen(tok); e > tok && isspace((unsigned char)e[-1]);)
		*--e = '\0';
	return tok;
}

static void
add_config_files(struct share *sh, struct resolution *r)
{
	struct listmemo	*lm;
	struct strmap	*seen;
	const char	*list, *attr;
	char		*copy, *tok, *save, *masterdir, *s;
	size_t		 n = 1, nfiles, nfind;
	int		 line = 0;

	if (r->mastercf == NULL || r->mastercf->status != CFG_OK)
		return;
	if ((list = pick_list(r, &line, &attr)) == NULL) {
		findings_add(&r->findings, FIND_NO_CONFIG_FILES,
		    r->master, 0, "the master has no CONFIG_FILES attribute: "
		    "the phone reads no configuration files");
		return;
	}
	if (is_blank(list)) {
		findings_add(&r->findings, FIND_EMPTY_CONFIG_LIST,
		    r->master, line, "%s is empty: the phone reads no "
		    "configuration files", attr);
		return;
	}
	if (strlen(list) > LIST_MAX_POLY)
		findings_add(&r->findings, FIND_LONG_LIST, r->master,
		    line, "%s is longer than %d characters; phones may cut it",
		    attr, LIST_MAX_POLY);
	masterdir = dirpart(r->master);
	for (s = strchr(list, ','); s != NULL; s = strchr(s + 1, ','))
		n++;
	reserve(r, n);
	lm = list_memo(sh, masterdir, list, 1);
	if (lm != NULL && lm->n > 0 && lm->usable &&
	    add_remembered(sh, r, lm, masterdir, line) == 0) {
		free(masterdir);
		return;
	}
	/* Remembered as resolved the first time only. */
	if (lm != NULL && lm->n > 0)
		lm = NULL;
	/* Room for every entry, which list_note() then fills in turn. */
	if (lm != NULL && lm->cf == NULL) {
		lm->cf = xcalloc(n, sizeof(*lm->cf));
		lm->token = xcalloc(n, sizeof(*lm->token));
	}
	seen = strmap_new_sized(n);
	copy = xstrdup(list);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if (*(s = trimmed(tok)) == '\0')
			continue;
		nfiles = r->nfiles;
		nfind = r->findings.n;
		add_listed(sh, r, s, masterdir, seen, line);
		if (lm != NULL)
			list_note(lm, r, s, nfiles, nfind);
	}
	free(copy);
	free(masterdir);
	strmap_free(seen, NULL);
}

/*
 * The longest run of parsed files the share keeps for good (the site
 * files), indexed once for every phone that lists the same run.
 */
static void
find_run(struct share *sh, struct resolution *r)
{
	size_t	k, j, best = 0, first = 0;

	for (k = 0; k < r->nfiles; k = j + 1) {
		for (j = k; j < r->nfiles && r->files[j].kept &&
		    r->files[j].cf != NULL; j++)
			;
		if (j - k > best) {
			best = j - k;
			first = k;
		}
	}
	if (best < 2)
		return;
	if ((r->run = runindex_get(sh, r->files + first, best)) != NULL) {
		r->runfirst = first;
		r->runlen = best;
	}
}

/*
 * A phone takes only the master's own upper-case attributes from it;
 * parameters there apply only if the master lists itself.
 */
static void
check_master_params(struct resolution *r)
{
	const struct cfgfile	*cf = r->mastercf;
	size_t			 i, n = 0, first = 0;

	if (cf == NULL || cf->status != CFG_OK || r->master_listed)
		return;
	for (i = 0; i < cf->nparams; i++)
		if (!resolve_is_master_attr(cf->params[i].name) && n++ == 0)
			first = i;
	if (n > 0)
		findings_add(&r->findings, FIND_MASTER_PARAMS,
		    r->master, cf->params[first].line, "the master carries %zu "
		    "parameter%s (%s first): a phone does not apply them, and "
		    "neither does polyaudit; move them to a file CONFIG_FILES "
		    "lists", n, n == 1 ? "" : "s", cf->params[first].name);
}

/*
 * Resolve the files that apply to the phone with canonical MAC mac.  model
 * and master may be NULL.  Problems become findings in r; the caller frees
 * r with resolution_free() even on failure.
 */
int
resolve_phone(struct share *sh, const char *mac, const char *model,
    const char *master, struct resolution *r)
{
	char	*odir;
	size_t	 i;

	memset(r, 0, sizeof(*r));
	memcpy(r->mac, mac, MAC_LEN);
	r->mac[MAC_LEN] = '\0';
	r->model = model ? xstrdup(model) : NULL;
	pick_master(sh, master, r);
	odir = overrides_dir(r);
	if (*odir != '\0' || master != NULL)
		check_listing(sh, r, odir);
	for (i = 0; i < sizeof(overrides) / sizeof(overrides[0]); i++)
		add_override(sh, r, odir, &overrides[i]);
	free(odir);
	add_config_files(sh, r);
	find_run(sh, r);
	check_master_params(r);
	firmware_select(sh, r, &r->firmware, &r->findings);
	return 0;
}

/*
 * Files resolve_phone() will read for a phone, so another thread can read
 * them ahead (readahead.c).  RESOLVE_OWN: the override files in the
 * directory the master names, as find finds them, and the entries of the
 * master's list that carry [PHONE_MAC_ADDRESS]; RESOLVE_SITE: the other
 * entries, which phones share.  master is the parsed file at masterpath.
 * The share paths are malloced, in *paths.  A guess only, for a share
 * that stays as it is; it touches no share, so any thread may call it.
 */
size_t
resolve_ahead(const struct cfgfile *master, const char *masterpath,
    const char *mac, const char *model, int which, resolve_find *find,
    void *arg, char ***paths)
{
	struct resolution	 r;
	struct strmap		*seen;
	const char		*list, *attr, *hit;
	char			 name[OVERRIDE_NAME], *odir, *masterdir;
	char			*copy, *tok, *save, *e, *path, **v;
	size_t			 n = 0, cap, i;
	int			 line;

	memset(&r, 0, sizeof(r));
	memcpy(r.mac, mac, MAC_LEN);
	r.model = (char *)model;
	r.master = (char *)masterpath;
	r.mastercf = master;
	list = master->status == CFG_OK ? pick_list(&r, &line, &attr) : NULL;
	cap = sizeof(overrides) / sizeof(overrides[0]) + (list != NULL ?
	    strlen(list) / 2 + 1 : 0);
	v = xreallocarray(NULL, cap, sizeof(*v));
	odir = overrides_dir(&r);
	seen = strmap_new();
	strmap_put(seen, masterpath, NULL);
	for (i = 0; which == RESOLVE_OWN &&
	    i < sizeof(overrides) / sizeof(overrides[0]); i++)
		if ((hit = override_find(find, arg, odir, mac, &overrides[i],
		    name)) != NULL && strmap_put(seen, hit, NULL) == 0)
			v[n++] = xstrdup(hit);
	free(odir);
	masterdir = dirpart(masterpath);
	copy = xstrdup(list != NULL ? list : "");
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		e = trimmed(tok);
		if (*e == '\0' || (strstr(e, "[PHONE_MAC_ADDRESS]") == NULL) !=
		    (which == RESOLVE_SITE) || strstr(e, "://") != NULL)
			continue;
		path = entry_path(&r, e, masterdir);
		/* A map, not a pass over v: a list may hold 100,000s. */
		if (path != NULL && strmap_put(seen, path, NULL) == 0)
			v[n++] = path;
		else
			free(path);
	}
	strmap_free(seen, NULL);
	free(copy);
	free(masterdir);
	findings_free(&r.findings);
	*paths = v;
	return n;
}

/*
 * Let go of the files r holds, once nothing borrows from r any more (free
 * the merge first): the phone's own files are freed, so a scan's memory
 * does not grow with the phones.  r itself stays valid for its paths.
 */
void
resolve_release(struct share *sh, struct resolution *r)
{
	size_t	i;

	for (i = 0; i < r->nfiles; i++) {
		if (r->files[i].held != NULL)
			share_release(sh, r->files[i].held);
		r->files[i].held = NULL;
		r->files[i].cf = NULL;
	}
	if (r->masterheld != NULL)
		share_release(sh, r->masterheld);
	r->masterheld = NULL;
	r->mastercf = NULL;
}

void
resolution_free(struct resolution *r)
{
	size_t	i;

	for (i = 0; i < r->nfiles; i++) {
		if (!r->files[i].borrowed)
			free(r->files[i].path);
		free(r->files[i].error);
	}
	free(r->files);
	free(r->model);
	free(r->master);
	firmware_free(&r->firmware);
	findings_free(&r->findings);
	memset(r, 0, sizeof(*r));
}
