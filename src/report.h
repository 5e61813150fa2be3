/*
 * Reports: one file per output format.  Reports only read what they are
 * given; they redact secrets unless told not to.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

#include "diff.h"
#include "findings.h"
#include "merge.h"
#include "resolve.h"

enum format {
	FMT_TEXT,
	FMT_JSON,
	FMT_CSV,
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
	int				 color;
};

struct pin_report;

/* report.c */
int		 report_format(const char *, int, enum format *);
const char	*report_value(const struct showview *, const char *,
		    const char *);
const char	*report_secret(int, const char *, const char *);
char		*report_path(const char *);

/* report_text.c */
void	report_files_text(FILE *, const struct resolution *);
void	report_firmware_text(FILE *, const struct resolution *);
void	report_show_text(FILE *, const struct showview *);
void	report_findings_text(FILE *, const struct findings *);
void	report_rows_text(FILE *, const struct showview *, int);
void	report_audit_text(FILE *, const struct auditview *);
void	report_pin_text(FILE *, const char *, const struct pin_report *);

/* report_json.c */
void	report_files_json(FILE *, const struct resolution *);
void	report_show_json(FILE *, const struct showview *);
void	report_line_json(FILE *, const struct showview *);
void	report_audit_json(FILE *, const struct auditview *, int);
void	report_pin_json(FILE *, const char *, const struct pin_report *, int);

/* report_csv.c */
void	report_show_csv(FILE *, const struct showview *, int);
void	report_audit_csv(FILE *, const struct auditview *, int);

#endif
