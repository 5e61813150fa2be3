/*
 * What a phone uploaded: its <MAC>-app.log and <MAC>-boot.log, in the
 * LOG_FILE_DIRECTORY of the master it uses, else in the share's root
 * (diagnosis.md section 5), read and judged.  The age of an upload is the
 * file's modification time as the share tells it, which is when the
 * phone last wrote it; the lines' own times come from the phone's clock,
 * without a year or relative to boot.  Findings: uploads-stale and the
 * proven line signatures (log-upload-failed, log-download-failed,
 * log-cert-expired); every other line stays unclassified.
 */
#ifndef LOGCHECK_H
#define LOGCHECK_H

#include <stddef.h>
#include <time.h>

#include "cfgfile.h"
#include "findings.h"
#include "logfile.h"
#include "mac.h"
#include "strpool.h"

struct phonelist;
struct resolution;
struct share;

#define LOGCHECK_MAXAGE		2	/* --max-age default, days: the
					   48 h upload period of [D26] */
#define LOGCHECK_QUOTE_MAX	200	/* bytes of a line quoted */

/* One uploaded file; its strings are its logcheck's (lc->text). */
struct logupload {
	char		*path;		/* share-relative */
	enum cfg_status	 status;	/* CFG_OK, CFG_MISSING or CFG_REFUSED */
	char		*error;		/* why not CFG_OK; NULL when ok */
	time_t		 mtime;		/* -1 when the share does not say */
	struct logsum	 sum;		/* counts only: nhits is 0 */
};

enum logstale {
	LOGSTALE_NO,
	LOGSTALE_YES,
	LOGSTALE_UNKNOWN,	/* no file time, or not checked */
};

/* One phone's uploads; its strings are in text, freed by logcheck_free. */
struct logcheck {
	char		 mac[MAC_LEN + 1];
	char		*master;	/* the phone's, or NULL */
	char		*dir;		/* share-relative, "" the root */
	char		*dir_from;	/* the master naming it, or NULL */
	int		 dir_line;
	char		*unchecked;	/* why nothing was read, or NULL */
	struct logupload files[2];	/* logcheck_kinds[] */
	size_t		 nfiles;	/* 0 when unchecked */
	time_t		 newest;	/* newest file time, or -1 */
	time_t		 now;
	long		 maxage;	/* days */
	enum logstale	 stale;
	struct findings	 findings;
	struct strpool	 text;
};

extern const char *const logcheck_kinds[];	/* "app", "boot" */

void	logcheck_phone(struct share *, const struct resolution *, time_t,
	    long, struct logcheck *);
void	logcheck_free(struct logcheck *);
int	logcheck_phones(struct share *, struct phonelist *, char **);
size_t	logcheck_unclassified(const struct logupload *);

#endif
