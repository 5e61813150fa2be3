#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "firmware.h"
#include "findings.h"
#include "redact.h"
#include "resolve.h"
#include "share.h"
#include "strpool.h"
#include "xalloc.h"

#define SIPVER_MAX	64	/* sip.ver is one line: "5.9.8.5760" */
#define PART_LEN	14	/* NNNN-NNNNN-NNN */

/*
 * Model token -> hardware part number, the <part>.sip.ld of its split
 * image: diagnosis.md section 1.7, which cites PolyPyTools model_meta.py
 * [D1], Poly Phone Manager's file table [D2], Max Clark's rename script
 * [D3], KCLC [D4], the Poly FAQ [D7] and the Trio 8800 zip [D6].  No Poly
 * release note lists them: every row is confirmed by tools and shares
 * only.  Rows whose token is unverified (Trio 8500) are left out, and so
 * is the D60 (its image may be named .dect.ld).  The one place the table
 * lives.
 */
static const struct {
	const char	*token;
	const char	*part;
} parts[] = {
	{ "VVX101", "3111-40250-001" },		/* D1 D2 D3 */
	{ "VVX150", "3111-48810-001" },		/* D1 D2 */
	{ "VVX201", "3111-40450-001" },		/* D1 D2 D3 */
	{ "VVX250", "3111-48820-001" },		/* D1 D2 */
	{ "VVX300", "3111-46135-002" },		/* D1 D2 D3 */
	{ "VVX301", "3111-48300-001" },		/* D1 D2 D3 */
	{ "VVX310", "3111-46161-001" },		/* D1 D2 D3 (D4 conflicts) */
	{ "VVX311", "3111-48350-001" },		/* D1 D2 D3 */
	{ "VVX350", "3111-48830-001" },		/* D1 D2 */
	{ "VVX400", "3111-46157-002" },		/* D1 D2 D3 D4 */
	{ "VVX401", "3111-48400-001" },		/* D1 D2 D3 D4 */
	{ "VVX410", "3111-46162-001" },		/* D1 D2 D3 D5 */
	{ "VVX411", "3111-48450-001" },		/* D1 D2 D3 */
	{ "VVX450", "3111-48840-001" },		/* D1 D2 */
	{ "VVX500", "3111-44500-001" },		/* D1 D2 D3 */
	{ "VVX501", "3111-48500-001" },		/* D1 D2 D3 */
	{ "VVX600", "3111-44600-001" },		/* D1 D2 D3 */
	{ "VVX601", "3111-48600-001" },		/* D1 D2 D3 */
	{ "VVX1500", "2345-17960-001" },	/* D1 D2 D3 */
	{ "Trio8800", "3111-65290-001" },	/* D2 D6, token D11 */
	{ "SSIP5000", "3111-30900-001" },	/* D1 */
	{ "SSIP6000", "3111-15600-001" },	/* D1 */
	{ "SSIP7000", "3111-40000-001" },	/* D1 */
	{ "SPIP320", "2345-12200-002" },	/* D1 */
	{ "SPIP321", "2345-12360-001" },	/* D1 */
	{ "SPIP330", "2345-12200-001" },	/* D1 */
	{ "SPIP331", "2345-12365-001" },	/* D1 */
	{ "SPIP335", "2345-12375-001" },	/* D1 */
	{ "SPIP430", "2345-11402-001" },	/* D1 */
	{ "SPIP450", "2345-12450-001" },	/* D1 */
	{ "SPIP550", "2345-12500-001" },	/* D1 */
	{ "SPIP560", "2345-12560-001" },	/* D1 */
	{ "SPIP601", "2345-11605-001" },	/* provisioning.md 6.5 */
	{ "SPIP650", "2345-12600-001" },	/* D1 D7 */
	{ "SPIP670", "2345-12670-001" },	/* D1 */
};

#define NPARTS	(sizeof(parts) / sizeof(parts[0]))

/* The part number of a model token (case-sensitive), or NULL. */
const char *
firmware_part(const char *model)
{
	size_t	i;

	for (i = 0; model != NULL && i < NPARTS; i++)
		if (strcmp(parts[i].token, model) == 0)
			return parts[i].part;
	return NULL;
}

/* The model token whose part number starts part (PART_LEN bytes), or NULL. */
const char *
firmware_part_model(const char *part)
{
	size_t	i;

	for (i = 0; i < NPARTS; i++)
		if (strncmp(parts[i].part, part, PART_LEN) == 0)
			return parts[i].token;
	return NULL;
}

/*
 * The part number a split image's file name starts with: the last path
 * segment is NNNN-NNNNN-NNN.sip.ld (any case).  Returns a pointer into
 * path and sets *len, or NULL when the name is not a split image's.
 */
const char *
firmware_split_part(const char *path, size_t *len)
{
	static const char	shape[] = "dddd-ddddd-ddd";
	const char		*base = strrchr(path, '/');
	size_t			 i;

	base = base ? base + 1 : path;
	for (i = 0; i < PART_LEN; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)base[i]) :
		    base[i] != '-')
			return NULL;
	if (strcasecmp(base + PART_LEN, ".sip.ld") != 0)
		return NULL;
	*len = PART_LEN;
	return base;
}

const char *
fw_status_name(enum fw_status st)
{
	static const char *const names[] = {
		"none", "ok", "missing", "wrong-model", "needs-model", "url",
		"refused", "unchecked",
	};

	return names[st];
}

/* The attribute that names the image for this phone; NULL if none. */
static const char *
pick_attr(const struct resolution *r, char **attr, int *line,
    struct findings *fs)
{
	const struct cfgfile	*cf = r->mastercf;
	const char		*v;
	char			*name;
	size_t			 i;

	if (r->model != NULL) {
		name = xconcat("APP_FILE_PATH_", r->model, NULL);
		v = cfgfile_get(cf, name, line);
		if (v != NULL && *v != '\0') {
			*attr = name;
			return v;
		}
		free(name);
	} else
		for (i = 0; i < cf->nparams; i++)
			if (strncmp(cf->params[i].name, "APP_FILE_PATH_", 14) ==
			    0) {
				findings_add(fs, FIND_FIRMWARE_UNKNOWN,
				    r->master, cf->params[i].line, "the master "
				    "names images per model (%s): which one "
				    "this phone loads needs its model "
				    "(--model)", cf->params[i].name);
				break;
			}
	*attr = xstrdup("APP_FILE_PATH");
	return cfgfile_get(cf, "APP_FILE_PATH", line);
}

/*
 * Substitute the macros; NULL (and a note, without its place) when one
 * cannot be.
 */
static char *
expand(const struct resolution *r, const char *value, struct findings *fs)
{
	const char	*part = firmware_part(r->model);
	char		*s = xstrdup(value);

	if (strstr(s, "[PHONE_PART_NUMBER]") != NULL) {
		if (part == NULL) {
			findings_add(fs, FIND_FIRMWARE_UNKNOWN, NULL, 0,
			    "the image %s needs the phone's part number: %s",
			    value, r->model == NULL ? "give its model "
			    "(--model)" : "its model has no part number in "
			    "polyaudit's table");
			free(s);
			return NULL;
		}
		s = resolve_subst(s, "[PHONE_PART_NUMBER]", part);
	}
	if (strstr(s, "[PHONE_MODEL]") != NULL) {
		if (r->model == NULL) {
			findings_add(fs, FIND_FIRMWARE_UNKNOWN, NULL, 0,
			    "the image %s needs the phone's model (--model)",
			    value);
			free(s);
			return NULL;
		}
		s = resolve_subst(s, "[PHONE_MODEL]", r->model);
	}
	return s;
}

/*
 * Is path on the share: 1 as named, 2 only in another case, 0 not, -1
 * cannot tell.  Only listings are used: reading the image would fetch
 * tens of megabytes.  A directory that cannot be listed is looked for in
 * its parent.
 */
static int
present(struct share *sh, const char *path)
{
	char *const	*names;
	char		*dir, *slash, *cause = NULL;
	const char	*base;
	size_t		 n;
	int		 exact, rc;

	slash = strrchr(path, '/');
	dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup("");
	base = slash ? slash + 1 : path;
	if (share_list(sh, dir, &names, &n, &cause) == 0)
		rc = share_lookup(sh, dir, base, &exact) == NULL ? 0 :
		    exact ? 1 : 2;
	else if (*dir == '\0')
		rc = -1;
	else
		rc = present(sh, dir) == 0 ? 0 : -1;
	free(cause);
	free(dir);
	return rc;
}

/*
 * The release the share names for the image: sip.ver beside it [D4][D5],
 * else a path segment that starts with one, as in
 * FIRMWARE-VVX/5.8.0.12386-June2018/sip.ld [D11].
 */
static void
share_version(struct share *sh, struct firmware *fw)
{
	const char	*slash = strrchr(fw->path, '/'), *t, *p, *seg;
	char		*ver;
	size_t		 n, dots;

	ver = slash ? xasprintf("%.*s/sip.ver", (int)(slash - fw->path),
	    fw->path) : xstrdup("sip.ver");
	if ((t = share_text(sh, ver, SIPVER_MAX)) != NULL) {
		while (isspace((unsigned char)*t))
			t++;
		for (n = 0; isdigit((unsigned char)t[n]) || t[n] == '.'; n++)
			;
		if (n > 0 && isdigit((unsigned char)*t)) {
			fw->version = xstrndup(t, n);
			fw->version_from = ver;
			return;
		}
	}
	free(ver);
	for (seg = fw->path; seg != NULL && *seg != '\0';
	    seg = (p = strchr(seg, '/')) ? p + 1 : NULL) {
		for (n = dots = 0; isdigit((unsigned char)seg[n]) ||
		    (seg[n] == '.' && n > 0 && seg[n - 1] != '.'); n++)
			dots += seg[n] == '.';
		if (n > 0 && seg[n - 1] == '.')
			n--, dots--;
		if (dots >= 2 && (seg[n] == '/' || seg[n] == '-' ||
		    seg[n] == '_')) {
			fw->version = xstrndup(seg, n);
			fw->version_from = xstrdup(fw->path);
			return;
		}
	}
}

/* A split image for another model than the phone's: firmware-model. */
static int
check_model(const struct resolution *r, const struct firmware *fw,
    struct findings *fs)
{
	const char	*part, *mine, *other;
	size_t		 len;

	if (r->model == NULL || (mine = firmware_part(r->model)) == NULL ||
	    (part = firmware_split_part(fw->path, &len)) == NULL ||
	    strncmp(part, mine, len) == 0)
		return 0;
	other = firmware_part_model(part);
	findings_add(fs, FIND_FIRMWARE_MODEL, r->master, fw->line, "%s %s is "
	    "the split image for part number %.*s%s%s%s, not for a %s "
	    "(%s.sip.ld); it will not install", fw->attr, fw->path, (int)len,
	    part, other ? " (" : "", other ? other : "", other ? ")" : "",
	    r->model, mine);
	return 1;
}

/*
 * What the image a master names comes to, apart from the phone: the same
 * for every phone whose master, in the same directory, names it with the
 * same attribute for the same model.  Its findings are kept as code and
 * message; each phone gets them at its own master and line.
 */
#define FW_FINDS	2	/* check_model() and present() at most */

struct image {
	const char	*attr;		/* the key: attribute, model, */
	const char	*model;		/* the master's directory and */
	const char	*dir;		/* the value as written */
	const char	*value;
	enum fw_status	 status;
	const char	*path;
	const char	*version;
	const char	*version_from;
	size_t		 nfind;
	enum findcode	 code[FW_FINDS];
	const char	*message[FW_FINDS];
	struct strpool	 text;		/* every string above */
};

/*
 * A share's images, most recent first.  Phones share few images (one
 * per template), so a handful are kept and compared in full: no key to
 * build per phone, and memory does not grow with the phones.
 */
#define FW_MEMO		"firmware"	/* share memo key */
#define FW_IMAGES	4

struct images {
	struct image	*v[FW_IMAGES];
};

/* One block and its pool: an image's strings are freed with it. */
static void
image_free(struct image *im)
{
	strpool_free(&im->text);
	free(im);
}

static void
images_free(void *p)
{
	struct images	*ims = p;
	size_t		 i;

	for (i = 0; i < FW_IMAGES && ims->v[i] != NULL; i++)
		image_free(ims->v[i]);
	free(ims);
}

static int
same(const char *a, const char *b)
{
	return a == NULL ? b == NULL : b != NULL && strcmp(a, b) == 0;
}

/* Whether im is the image value names, for a master in dir (dirlen bytes). */
static int
image_is(const struct image *im, const char *attr, const char *model,
    const char *dir, size_t dirlen, const char *value)
{
	return strcmp(im->value, value) == 0 && strncmp(im->dir, dir,
	    dirlen) == 0 && im->dir[dirlen] == '\0' &&
	    strcmp(im->attr, attr) == 0 && same(im->model, model);
}

/*
 * Work out the image value (trimmed, not blank) names for a phone of
 * r's model whose master is in dir (dirlen bytes of it).  The findings
 * go to a set of their own, without a place, and are kept as code and
 * message.
 */
static struct image *
image_find(struct share *sh, const struct resolution *r, const char *attr,
    const char *dir, size_t dirlen, const char *value)
{
	struct image	*im;
	struct firmware	 fw;
	struct findings	 fs = { 0 };
	struct strpool	*t;
	const char	*v;
	char		*shown;
	size_t		 i;
	int		 wrong, found;

	im = xcalloc(1, sizeof(*im));
	t = &im->text;
	im->attr = strpool_dup(t, attr);
	im->model = strpool_dup(t, r->model);
	im->dir = strpool_ndup(t, dir, dirlen);
	im->value = strpool_dup(t, value);
	memset(&fw, 0, sizeof(fw));
	fw.attr = (char *)im->attr;
	if (strstr(value, "://") != NULL) {
		im->status = FW_URL;
		fw.path = redact_url(value);
	} else if ((fw.path = expand(r, value, &fs)) == NULL) {
		im->status = FW_NEEDS_MODEL;
		fw.path = xstrdup(value);
	} else {
		/* "/sip.ld" is the server's root, which is the share's. */
		for (v = fw.path; *v == '/'; v++)
			;
		if ((shown = share_path(im->dir, v)) == NULL) {
			im->status = FW_REFUSED;
			findings_add(&fs, FIND_REFUSED, NULL, 0, "%s %s leaves "
			    "the share; not looked for", attr, fw.path);
		} else {
			free(fw.path);
			fw.path = shown;
			wrong = check_model(r, &fw, &fs);
			found = present(sh, fw.path);
			im->status = found == 1 ? (wrong ? FW_WRONG_MODEL :
			    FW_OK) : found == -1 ? FW_UNCHECKED : FW_MISSING;
			if (found == 1)
				share_version(sh, &fw);
			else if (found != -1)
				findings_add(&fs, FIND_FIRMWARE_MISSING, NULL,
				    0, "%s names %s, which is %s", attr,
				    fw.path, found == 2 ? "on the share only "
				    "in another case: a case-sensitive server "
				    "will not find it" : "not on the share: a "
				    "phone without that image in flash cannot "
				    "start");
		}
	}
	im->path = strpool_dup(t, fw.path);
	im->version = strpool_dup(t, fw.version);
	im->version_from = strpool_dup(t, fw.version_from);
	for (i = 0; i < fs.n && i < FW_FINDS; i++) {
		im->code[i] = fs.v[i].code;
		im->message[i] = strpool_dup(t, fs.v[i].message);
	}
	im->nfind = i;
	fw.attr = NULL;
	firmware_free(&fw);
	findings_free(&fs);
	return im;
}

/*
 * The image value names, from the share's memo when a phone before
 * asked the same.  A share that fetches is not remembered for: its probes
 * (prefetch.c) see files and listings it does not have yet.  *own says
 * that the caller frees the answer.
 */
static const struct image *
image_get(struct share *sh, const struct resolution *r, const char *attr,
    const char *dir, size_t dirlen, const char *value, struct image **own)
{
	struct images	*ims;
	struct image	*im;
	size_t		 i;

	*own = NULL;
	if (share_fetches(sh))
		return *own = image_find(sh, r, attr, dir, dirlen, value);
	if ((ims = share_memo(sh, FW_MEMO)) == NULL) {
		ims = xcalloc(1, sizeof(*ims));
		share_memo_put(sh, FW_MEMO, ims, images_free);
	}
	for (i = 0; i < FW_IMAGES && ims->v[i] != NULL; i++)
		if (image_is(ims->v[i], attr, r->model, dir, dirlen,
		    value))
			break;
	if (i == FW_IMAGES || ims->v[i] == NULL) {
		i = i < FW_IMAGES ? i : FW_IMAGES - 1;
		if (ims->v[i] != NULL)
			image_free(ims->v[i]);
		ims->v[i] = image_find(sh, r, attr, dir, dirlen, value);
	}
	/* The most recent first: a share of one image finds it at once. */
	im = ims->v[i];
	memmove(ims->v + 1, ims->v, i * sizeof(*ims->v));
	ims->v[0] = im;
	return im;
}

/*
 * Fill fw with the image the master r picked selects for the phone, and
 * add what is wrong with it to fs.  The model-specific attribute wins
 * when the model is known (diagnosis.md 1.1: inferred, as for
 * CONFIG_FILES).
 */
void
firmware_select(struct share *sh, const struct resolution *r,
    struct firmware *fw, struct findings *fs)
{
	const struct image	*im;
	struct image		*own;
	const char		*value, *slash;
	size_t			 i;

	memset(fw, 0, sizeof(*fw));
	if (r->mastercf == NULL || r->mastercf->status != CFG_OK)
		return;
	if ((value = pick_attr(r, &fw->attr, &fw->line, fs)) == NULL) {
		free(fw->attr);
		fw->attr = NULL;
		return;
	}
	while (isspace((unsigned char)*value))
		value++;
	if (*value == '\0') {
		fw->status = FW_NONE;
		return;
	}
	slash = strrchr(r->master, '/');
	im = image_get(sh, r, fw->attr, r->master, slash ? (size_t)(slash -
	    r->master) : 0, value, &own);
	fw->status = im->status;
	fw->path = xstrdup(im->path);
	fw->version = im->version ? xstrdup(im->version) : NULL;
	fw->version_from = im->version_from ? xstrdup(im->version_from) :
	    NULL;
	for (i = 0; i < im->nfind; i++)
		findings_add_text(fs, im->code[i], r->master, fw->line,
		    im->message[i]);
	if (own != NULL)
		image_free(own);
}

/*
 * Compare two dotted releases on the components both give: 0 when they
 * agree (5.9.8 and 5.9.8.5760 do), else nonzero.  A component is compared
 * as a number, so 5.09 equals 5.9.
 */
int
firmware_version_cmp(const char *a, const char *b)
{
	unsigned long	x, y;
	char		*ea, *eb;

	for (;;) {
		if (!isdigit((unsigned char)*a) || !isdigit((unsigned char)*b))
			return 0;
		x = strtoul(a, &ea, 10);
		y = strtoul(b, &eb, 10);
		if (x != y)
			return x < y ? -1 : 1;
		if (*ea != '.' || *eb != '.')
			return 0;
		a = ea + 1;
		b = eb + 1;
	}
}

/* The phone runs another release than the share offers: firmware-drift. */
void
firmware_drift(const struct firmware *fw, const char *master,
    const char *running, struct findings *fs)
{
	size_t	n;

	if (fw->version == NULL || running == NULL ||
	    !isdigit((unsigned char)*running) ||
	    firmware_version_cmp(fw->version, running) == 0)
		return;
	/* The phone's string is hostile: only its release part is shown. */
	n = strspn(running, "0123456789.");
	findings_add(fs, FIND_FIRMWARE_DRIFT, master, fw->line, "the phone "
	    "runs %.*s, the share offers %s (%s, from %s)", (int)n, running,
	    fw->version, fw->path, fw->version_from);
}

void
firmware_free(struct firmware *fw)
{
	free(fw->path);
	free(fw->attr);
	free(fw->version);
	free(fw->version_from);
	memset(fw, 0, sizeof(*fw));
}
