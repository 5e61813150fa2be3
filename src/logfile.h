/*
 * The log files a phone uploads (<MAC>-app.log, <MAC>-boot.log): one
 * line per event, "time|component|class|missed|text" (diagnosis.md 5.1),
 * and the few line signatures that prove something (5.2).
 */
#ifndef LOGFILE_H
#define LOGFILE_H

#include <stddef.h>
#include <time.h>

enum log_time {
	LOGT_NONE,		/* the line has no time field */
	LOGT_BOOT,		/* format 0: since boot, HHMMSS.mmm */
	LOGT_ABS,		/* formats 1 and 2: an absolute time, UTC */
};

enum log_sig {
	LOGSIG_NONE,		/* unclassified */
	LOGSIG_UPLOAD_FAILED,
	LOGSIG_DOWNLOAD_FAILED,
	LOGSIG_CERT_EXPIRED,
};

struct logline {
	enum log_time	 tkind;
	double		 since_boot;	/* LOGT_BOOT: seconds */
	int		 year;		/* LOGT_ABS: -1 unless format 1 */
	int		 mon, day, hour, min, sec;
	const char	*comp;		/* borrowed, complen bytes, padding cut */
	size_t		 complen;
	char		 cls;		/* '0'..'6' or '*' */
	const char	*text;		/* borrowed: all after the 4th '|' */
	size_t		 textlen;
};

#define LOG_HITS_MAX	20	/* signature lines kept per file */

/* A line with a signature; text borrowed from the buffer read. */
struct loghit {
	int		 line;
	enum log_sig	 sig;
	const char	*text;		/* the whole line, len bytes */
	size_t		 len;
};

/* What one log file says. */
struct logsum {
	size_t		 lines;
	size_t		 parsed;	/* lines in the documented format */
	time_t		 newest;	/* newest absolute time, or -1 */
	size_t		 nsig[4];	/* lines per enum log_sig */
	struct loghit	 hits[LOG_HITS_MAX];
	size_t		 nhits;
};

void		 logfile_read(const char *, size_t, time_t, struct logsum *);
int		 logline_parse(const char *, size_t, struct logline *);
enum log_sig	 logline_signature(const struct logline *);
time_t		 logline_when(const struct logline *, time_t);

#endif
