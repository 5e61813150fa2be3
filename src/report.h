/*
 * Reports: every byte polyaudit prints about a share, a phone or a DHCP
 * option goes through here.  A command opens a struct report for the
 * --format it was given and hands it views; the format's struct
 * report_ops writes them.  Reports only read what they are given; they
 * redact secrets unless told not to.
 *
 * A format is one report_<format>.c file with one struct report_ops and
 * one entry in REPORT_FORMATS below.  An operation left NULL is a report
 * that format does not offer; report_offered() turns that into the mask
 * --format accepts.
 *
 * Table reports (audit rows, parameter rows, PIN rows) are described once,
 * by column tables: the CSV header, the JSON keys and the text headers all
 * come from report_audit_cols[], report_param_cols[] and report_pin_cols[].
 */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "change.h"
#include "diff.h"
#include "findings.h"
#include "merge.h"
#include "resolve.h"

/*
 * The formats, one entry each: FMT_<ID> is its enum format constant and
 * report_<name>_ops, in report_<name>.c, its operations.  Adding a format
 * is that file and one entry here (and its line in Makefile.am).
 */
#define REPORT_FORMATS \
	REPORT_FORMAT(TEXT, text) \
	REPORT_FORMAT(JSON, json) \
	REPORT_FORMAT(CSV, csv) \
	REPORT_FORMAT(OPENMETRICS, openmetrics) \
	REPORT_FORMAT(HTML, html)

enum format {
#define REPORT_FORMAT(id, name)	FMT_##id,
	REPORT_FORMATS
#undef REPORT_FORMAT
	FMT_COUNT
};

/* What show (and the files list) prints for one phone. */
struct showview {
	const struct resolution	 *r;
	const struct eparam	**params;
	size_t			  nparams;
	const struct findings	 *findings;
	int			  show_secrets;
};

/* What audit prints for one phone; r and df are NULL when it failed. */
struct auditview {
	const struct phone_result	*res;
	const struct resolution		*r;
	const struct diff		*df;
	const char			*share;
	int				 prov;		/* enum prov_match */
	const char			*prov_why;	/* NULL if not compared */
	int				 show_secrets;
};

struct dhcp_probe_reply;
struct dhcp_result;
struct logcheck;
struct pin_report;
struct store_drift;
struct store_event;
struct strmap;

/* The dhcp subcommands: each prints one view, of its kind. */
enum dhcp_view {
	DHCP_DECODE,	/* one option */
	DHCP_ENCODE,	/* option 43 built for an FQDN */
	DHCP_PROBE,	/* what a DHCPINFORM brought back */
	DHCP_VIEWS
};

/* What a dhcp subcommand prints: r and len, then its own part. */
struct dhcpview {
	enum dhcp_view			 kind;
	const struct dhcp_result	*r;	/* encode: decoded again;
						   probe: option 43 or NULL */
	size_t				 len;	/* bytes decoded or built */
	/* encode */
	const char			*hex;
	int				 toolong;	/* > Cisco IOS's 180 */
	/* probe */
	const char			*server;	/* asked, or broadcast */
	int				 got;		/* an answer came */
	const struct dhcp_probe_reply	*rp;
	const struct dhcp_result	*r120;		/* or NULL */
	const char			*problem;	/* or NULL */
};

/*
 * One row of a table report, every cell a borrowed string (NULL: empty)
 * except line.  The column tables say which cells a report has.
 */
struct report_row {
	const char		*host;
	const char		*mac;
	const char		*name;
	const char		*value;		/* the share's; redacted */
	const char		*source;	/* the share's psource */
	const char		*file;		/* raw path; NULL: none */
	int			 line;
	const char		*set_as;
	const char		*note;
	const char		*phone_value;	/* redacted */
	const char		*phone_source;
	const char		*verdict;
	const char		*reason;
	const struct eparam	*e;		/* for its shadowed values */
	int			 show_secrets;
};

enum col_kind {
	COL_STR,	/* a plain string */
	COL_VALUE,	/* a parameter value: quoted in text */
	COL_PATH,	/* a path or URL: its password hidden */
	COL_LINE,	/* row->line, empty without row->file */
	COL_SHADOWED,	/* row->e's shadowed values */
	COL_VERDICT,	/* a verdict: coloured in text */
};

#define COL_CSV		0x1	/* a CSV column */
#define COL_JSON	0x2	/* a JSON key */
#define COL_OPT		0x4	/* JSON: left out when NULL */

/* One column of a table report. */
struct report_col {
	const char	*key;	/* JSON key and CSV header */
	const char	*title;	/* text header; NULL if text has none */
	int		 tpos;	/* its place in text, from 1; 0: none */
	size_t		 off;	/* offsetof(struct report_row, cell) */
	enum col_kind	 kind;
	unsigned	 flags;
	const char	*none;	/* text for a NULL cell */
};

/*
 * Separates the parts of a tally's keys: XML 1.0 has no way to write it,
 * so no parameter name or value holds it (a tab would).
 */
#define REPORT_SEP	'\x1f'
#define REPORT_SEPS	"\x1f"

/* Phones per parameter, value and winning file, for scan's summary. */
/* A row's last key, so that the next phone's same row needs no look-up. */
struct tallyrow {
	char		*key;
	size_t		 len;
	size_t		 cap;
	size_t		 at;		/* its index into count */
};

struct scantally {
	struct strmap	*counts;	/* "name^_value^_file" -> index + 1 */
	size_t		*count;		/* phones per key, in counts' order */
	size_t		 ncount;
	size_t		 countcap;
	struct tallyrow	*rows;		/* per row position */
	size_t		 nrows;
	char		*key;		/* report_scan_phone()'s, reused */
	size_t		 keylen;
	size_t		 keycap;
	size_t		 phones;
	size_t		 failing;	/* phones with error findings */
	size_t		 notyes;	/* --check pin: no or cannot tell */
};

/* Phones checked by logs (or scan --check logs), for its summary. */
struct logtally {
	size_t		 phones;
	size_t		 stale;		/* uploads-stale */
	size_t		 unknown;	/* age unknown or not checked */
	size_t		 flagged;	/* with another finding */
};

/* Phones matched, drifted and failed, for audit's fleet summary. */
struct fleettally {
	size_t		 matched, drifted, failed;
	struct strmap	*drifting;	/* name -> phones */
};

/* One key of the scan tally, taken apart by report_key_parts(). */
struct keyparts {
	char		*name;		/* malloced */
	char		*value;		/* malloced */
	const char	*from;		/* borrowed from the key */
	size_t		 count;		/* phones */
	int		 newname;	/* not the previous key's name */
	int		 newvalue;	/* nor its value */
};

/* The reports a command makes: each is one or more operations below. */
enum report_kind {
	REPORT_FILES,
	REPORT_SHOW,
	REPORT_SCAN,
	REPORT_AUDIT,
	REPORT_PIN,
	REPORT_DHCP,
	REPORT_DIFF,
	REPORT_HISTORY,
	REPORT_LOGS,
	REPORT_KINDS
};

struct report;

/* How one format writes each report; NULL: not offered. */
struct report_ops {
	const char	*name;		/* as --format spells it */
	void	(*files)(struct report *, const struct resolution *);
	void	(*show)(struct report *, const struct showview *);
	void	(*scan_phone)(struct report *, const struct showview *);
	void	(*scan_pin)(struct report *, const char *,
		    const struct pin_report *);
	void	(*audit_phone)(struct report *, const struct auditview *);
	void	(*pin)(struct report *, const char *,
		    const struct pin_report *);
	void	(*dhcp[DHCP_VIEWS])(struct report *, const struct dhcpview *);
	void	(*change_phone)(struct report *, const struct change_phone *);
	void	(*change_end)(struct report *, const struct change_totals *);
	void	(*history)(struct report *, const struct store_event *);
	void	(*drift)(struct report *, const struct store_drift *);
	void	(*history_end)(struct report *, int);	/* 1: drifts */
	void	(*logs)(struct report *, const struct logcheck *);
	/* A report's end, from what report.c tallied; may be NULL. */
	void	(*end[REPORT_KINDS])(struct report *);
	void	(*close)(struct report *);	/* frees priv; may be NULL */
};

/* An open report.  Commands set the flags; the rest is the report's. */
struct report {
	const struct report_ops	*ops;
	enum format		 fmt;
	FILE			*fp;		/* stdout, or tmp */
	char			*path;		/* --output FILE, or NULL */
	char			*tmp;		/* renamed to path on close */
	int			 show_secrets;
	int			 color;		/* text: ANSI verdicts */
	int			 fleet;		/* audit of an inventory */
	char			*share;		/* report_share(); redacted */
	size_t			 n;		/* phones written so far */
	struct scantally	 scan;
	struct fleettally	 flt;
	struct logtally		 logs;
	void			*priv;		/* the format's own */
};

extern const struct report_ops *const report_formats[FMT_COUNT];
extern const struct report_col report_audit_cols[];
extern const struct report_col report_param_cols[];
extern const struct report_col report_pin_cols[];

/* report.c */
int		 report_format(const char *, int, enum format *);
int		 report_offered(enum report_kind);
const char	*report_format_list(int);
int		 report_open(struct report *, enum format, const char *,
		    char **);
int		 report_close(struct report *, char **);
void		 report_end(struct report *, enum report_kind);
void		 report_share(struct report *, const char *);
void		 report_files(struct report *, const struct resolution *);
void		 report_show(struct report *, const struct showview *);
void		 report_scan_phone(struct report *, const struct showview *);
void		 report_scan_pin(struct report *, const char *,
		    const struct pin_report *, const struct findings *);
void		 report_audit_phone(struct report *, const struct auditview *);
void		 report_progress(time_t, size_t, size_t, size_t);
void		 report_progress_clear(void);
void		 report_pin(struct report *, const char *,
		    const struct pin_report *);
void		 report_dhcp(struct report *, const struct dhcpview *);
void		 report_change_phone(struct report *,
		    const struct change_phone *);
void		 report_change_end(struct report *,
		    const struct change_totals *);
void		 report_history(struct report *, const struct store_event *);
void		 report_drift(struct report *, const struct store_drift *);
void		 report_history_end(struct report *, int);
const char	*report_created(const struct chainfile *);
void		 report_logs(struct report *, const struct logcheck *);
const char	*report_value(const struct showview *, const char *,
		    const char *);
const char	*report_secret(int, const char *, const char *);
char		*report_path(const char *);
const char	*report_cell(const struct report_row *,
		    const struct report_col *);
size_t		 report_text_cols(const struct report_col *,
		    const struct report_col **);
#define REPORT_LINE_MAX	16	/* ":N" for any int */
size_t		 report_line_str(char *, int);
void		 report_location(FILE *, const char *, int, const char *,
		    void (*)(FILE *, const char *));
void		 report_param_row(struct report_row *, const struct showview *,
		    const struct eparam *);
void		 report_audit_row(struct report_row *,
		    const struct auditview *, const struct diffrow *);
const char	*report_pin_reason(const struct pin_report *, const char **);
size_t		 report_scan_sorted(const struct scantally *, const char ***);
size_t		 report_fleet_sorted(const struct fleettally *,
		    const char ***, size_t **);
void		 report_sort_keys(const char **, size_t);
void		 report_key_parts(const struct scantally *, const char **,
		    size_t, struct keyparts *);
void		 report_key_parts_free(struct keyparts *);
time_t		 report_now(void);

#define REPORT_FORMAT(id, name) \
	extern const struct report_ops report_##name##_ops;
REPORT_FORMATS
#undef REPORT_FORMAT

/* report_text.c: also the summaries JSON and CSV print on stderr */
void	report_findings_text(FILE *, const struct findings *);
void	report_scan_summary_text(FILE *, const struct scantally *);
void	report_fleet_summary_text(FILE *, const struct fleettally *);
void	report_change_summary_text(FILE *, const struct change_totals *, int);
void	report_logs_summary_text(FILE *, const struct logtally *);

#endif
