#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "logcheck.h"
#include "redact.h"
#include "resolve.h"
#include "scan.h"
#include "share.h"
#include "strmap.h"
#include "vis.h"
#include "xalloc.h"

static const char *const tails[] = { "-app.log", "-boot.log" };
const char *const logcheck_kinds[] = { "app", "boot" };

/* The finding each signature gives, and what it means. */
static const struct {
	enum findcode	 code;
	const char	*says;
} sigs[] = {
	[LOGSIG_UPLOAD_FAILED] = { FIND_LOG_UPLOAD_FAILED,
	    "the phone's log upload to the provisioning server failed" },
	[LOGSIG_DOWNLOAD_FAILED] = { FIND_LOG_DOWNLOAD_FAILED,
	    "the phone could not download a file its configuration names" },
	[LOGSIG_CERT_EXPIRED] = { FIND_LOG_CERT_EXPIRED,
	    "the phone's web ticket certificate had expired" },
};

/*
 * The first LOGCHECK_QUOTE_MAX bytes of a line, up to a NUL, cut at a
 * character boundary, "..." when cut; malloced.  Reports escape it.
 */
static char *
quote(const char *s, size_t len)
{
	const char	*nul = memchr(s, '\0', len);
	size_t		 n;
	char		*q;

	n = vis_cut(s, nul != NULL ? (size_t)(nul - s) : len,
	    LOGCHECK_QUOTE_MAX);
	q = xmalloc(n + 4);
	memcpy(q, s, n);
	strcpy(q + n, n < len ? "..." : "");
	return q;
}

/*
 * The directory a phone using the master (path, parsed as cf) uploads
 * to, in lc->text: "" for the root; NULL with lc->unchecked when it is
 * not on this share.
 */
static char *
log_dir(const char *master, const struct cfgfile *cf, struct logcheck *lc)
{
	const char	*d;
	char		*dir, *shown, *pooled;
	int		 line = 0;

	if (cf == NULL || cf->status != CFG_OK ||
	    (d = cfgfile_get(cf, "LOG_FILE_DIRECTORY", &line)) == NULL ||
	    d[strspn(d, " \t\r\n")] == '\0')
		return strpool_dup(&lc->text, "");
	lc->dir_from = strpool_dup(&lc->text, master);
	lc->dir_line = line;
	if (strstr(d, "://") != NULL) {
		shown = redact_url(d);
		lc->unchecked = strpool_printf(&lc->text, "LOG_FILE_DIRECTORY "
		    "is a URL (%s): the phone uploads there, not to this share",
		    shown);
		free(shown);
		return NULL;
	}
	/* "/logs" is the server's root, taken to be the share's. */
	while (*d == '/')
		d++;
	if ((dir = share_path("", d)) == NULL) {
		lc->unchecked = strpool_dup(&lc->text,
		    "LOG_FILE_DIRECTORY leaves the share");
		findings_add(&lc->findings, FIND_REFUSED, master, line,
		    "LOG_FILE_DIRECTORY leaves the share: its logs were not "
		    "read");
		return NULL;
	}
	pooled = strpool_dup(&lc->text, dir);
	free(dir);
	return pooled;
}

/* Read one log and turn its signature lines into findings. */
static void
read_log(struct share *sh, struct logcheck *lc, const char *dir,
    const char *tail, struct logupload *u)
{
	const struct loghit	*h;
	const char		*hit;
	char			*name, *buf, *cause, *q;
	size_t			 len, i;

	u->sum.newest = (time_t)-1;
	name = xconcat(lc->mac, tail, NULL);
	if ((hit = share_lookup(sh, dir, name, NULL)) == NULL) {
		u->path = *dir ? strpool_printf(&lc->text, "%s/%s", dir,
		    name) : strpool_dup(&lc->text, name);
		u->status = CFG_MISSING;
		u->error = strpool_dup(&lc->text, "not on the share");
		u->mtime = (time_t)-1;
		free(name);
		return;
	}
	free(name);
	u->path = strpool_dup(&lc->text, hit);
	u->status = share_read_dated(sh, hit, &buf, &len, &u->mtime, &cause);
	if (u->status != CFG_OK) {
		u->error = strpool_dup(&lc->text, cause);
		free(cause);
		if (u->status != CFG_MISSING)
			findings_add(&lc->findings, FIND_REFUSED, u->path, 0,
			    "log not read: %s", u->error);
		return;
	}
	logfile_read(buf, len, lc->now, &u->sum);
	for (i = 0; i < u->sum.nhits; i++) {
		h = &u->sum.hits[i];
		q = quote(h->text, h->len);
		findings_add(&lc->findings, sigs[h->sig].code, u->path,
		    h->line, "%s: \"%s\"", sigs[h->sig].says, q);
		free(q);
	}
	/* The hits point into buf. */
	u->sum.nhits = 0;
	free(buf);
}

/* Whether the newest upload is older than the limit. */
static void
judge(struct logcheck *lc)
{
	const struct logupload	*u, *newest = NULL;
	size_t			 i, present = 0;
	double			 days;

	for (i = 0; i < lc->nfiles; i++) {
		u = &lc->files[i];
		if (u->status == CFG_MISSING)
			continue;
		present++;
		if (u->mtime != (time_t)-1 &&
		    (newest == NULL || u->mtime > newest->mtime))
			newest = u;
	}
	if (present == 0) {
		lc->stale = LOGSTALE_YES;
		findings_add(&lc->findings, FIND_UPLOADS_STALE, NULL, 0,
		    "no log uploaded: neither %s nor %s is on the share",
		    lc->files[0].path, lc->files[1].path);
		return;
	}
	if (newest == NULL)
		return;
	lc->newest = newest->mtime;
	/* A time ahead of now proves nothing: a wrong or forged clock. */
	if (lc->newest > lc->now)
		return;
	days = difftime(lc->now, lc->newest) / 86400;
	if (days <= lc->maxage) {
		lc->stale = LOGSTALE_NO;
		return;
	}
	lc->stale = LOGSTALE_YES;
	findings_add(&lc->findings, FIND_UPLOADS_STALE, newest->path, 0,
	    "the newest log upload is %.1f days old, more than --max-age %ld",
	    days, lc->maxage);
}

/*
 * Check the uploads of the phone r resolved, against now and a limit in
 * days.  Never fails: what cannot be read is said in lc.
 */
void
logcheck_phone(struct share *sh, const struct resolution *r, time_t now,
    long maxage, struct logcheck *lc)
{
	size_t	i;

	memset(lc, 0, sizeof(*lc));
	memcpy(lc->mac, r->mac, sizeof(lc->mac));
	lc->now = now;
	lc->maxage = maxage;
	lc->newest = (time_t)-1;
	lc->stale = LOGSTALE_UNKNOWN;
	lc->master = strpool_dup(&lc->text, r->master);
	if ((lc->dir = log_dir(r->master, r->mastercf, lc)) == NULL)
		return;
	lc->nfiles = sizeof(tails) / sizeof(tails[0]);
	for (i = 0; i < lc->nfiles; i++)
		read_log(sh, lc, lc->dir, tails[i], &lc->files[i]);
	judge(lc);
}

void
logcheck_free(struct logcheck *lc)
{
	strpool_free(&lc->text);
	findings_free(&lc->findings);
	memset(lc, 0, sizeof(*lc));
}

/* Lines of a file read that carry none of the proven signatures. */
size_t
logcheck_unclassified(const struct logupload *u)
{
	return u->sum.lines - u->sum.nsig[LOGSIG_UPLOAD_FAILED] -
	    u->sum.nsig[LOGSIG_DOWNLOAD_FAILED] -
	    u->sum.nsig[LOGSIG_CERT_EXPIRED];
}

/* Add the MACs of the log files in dir to macs; a dir unlisted adds none. */
static void
log_macs(struct share *sh, const char *dir, struct strmap *macs)
{
	char *const	*names;
	char		 mac[MAC_LEN + 1], *cause = NULL;
	size_t		 n, i, k, t;

	if (share_list(sh, dir, &names, &n, &cause) == -1) {
		free(cause);
		return;
	}
	for (i = 0; i < n; i++) {
		if (!mac_is_hex12(names[i], MAC_LEN))
			continue;
		for (t = 0; t < sizeof(tails) / sizeof(tails[0]); t++)
			if (strcasecmp(names[i] + MAC_LEN, tails[t]) == 0)
				break;
		if (t == sizeof(tails) / sizeof(tails[0]))
			continue;
		for (k = 0; k < MAC_LEN; k++)
			mac[k] = (char)(names[i][k] | 0x20);
		mac[MAC_LEN] = '\0';
		strmap_put(macs, mac, NULL);
	}
}

/* Whether name is a master: the zeros file or a <MAC>.cfg, any case. */
static int
is_master(const char *name)
{
	return strlen(name) == MAC_LEN + 4 && mac_is_hex12(name, MAC_LEN) &&
	    strcasecmp(name + MAC_LEN, ".cfg") == 0;
}

/*
 * The phones to check on a share: those scan finds (each <MAC>.cfg and
 * override file) and each MAC with a log file in the root or in a
 * LOG_FILE_DIRECTORY that the zeros file or a <MAC>.cfg master names.
 * Returns -1 with *cause when the root cannot be listed.
 */
int
logcheck_phones(struct share *sh, struct phonelist *pl, char **cause)
{
	struct logcheck	 lc;
	struct strmap	*macs, *dirs;
	char *const	*names;
	const char	*key, **masters;
	char		*dir;
	size_t		 n, i, k = 0;

	if (scan_phones(sh, pl, cause) == -1 ||
	    share_list(sh, "", &names, &n, cause) == -1)
		return -1;
	macs = strmap_new();
	dirs = strmap_new();
	strmap_put(dirs, "", NULL);
	for (i = 0; i < pl->n; i++)
		strmap_put(macs, pl->mac[i], NULL);
	/* Each master's directory; from a server, the masters come together. */
	masters = xreallocarray(NULL, n ? n : 1, sizeof(*masters));
	for (i = 0; i < n; i++)
		if (is_master(names[i]))
			masters[k++] = names[i];
	share_fetch_ahead(sh, masters, k);
	for (i = 0; i < k; i++) {
		memset(&lc, 0, sizeof(lc));
		if ((dir = log_dir(masters[i], share_file(sh, masters[i]),
		    &lc)) != NULL)
			strmap_put(dirs, dir, NULL);
		logcheck_free(&lc);
	}
	free(masters);
	for (i = 0; i < strmap_count(dirs); i++) {
		strmap_at(dirs, i, &key);
		log_macs(sh, key, macs);
	}
	phonelist_free(pl);
	phonelist_from(pl, macs);
	strmap_free(macs, NULL);
	strmap_free(dirs, NULL);
	return 0;
}
