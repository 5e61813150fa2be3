/*
 * Should the phone offer PIN sign-in?  One verdict with the chain of
 * evidence; each failing check names the file and line, or the missing
 * piece, to fix.
 */
#ifndef PIN_H
#define PIN_H

#include <stddef.h>

#include "strpool.h"

struct dhcp_result;
struct merged;
struct phone_result;

enum pin_verdict {
	PIN_YES,
	PIN_NO,
	PIN_CANNOT_TELL,
};

enum pin_status {
	PIN_OK,
	PIN_FAIL,
	PIN_UNKNOWN,
	PIN_INFO,
};

struct pin_check {
	const char	*what;		/* static: "use-pin", "sts-uri"... */
	enum pin_status	 status;
	const char	*message;	/* the report's text */
	const char	*file;		/* borrowed from the merge; or NULL */
	int		 line;
};

struct pin_report {
	enum pin_verdict	 verdict;
	struct pin_check	*v;
	size_t			 n;
	struct strpool		 text;	/* the checks' messages */
};

struct pin_input {
	struct merged			*m;	/* the share, for this phone */
	const struct phone_result	*phone;	/* or NULL */
	const struct dhcp_result	*opt43;	/* or NULL */
};

extern const char *const pin_phone_names[];

int		 pin_is_param(const char *);
size_t		 pin_registrations(struct merged *, int **);
size_t		 pin_names(struct merged *, char ***);

/* What a command shows without --param. */
enum pin_shown {
	PIN_SHOWN_PIN,		/* the PIN sign-in set */
	PIN_SHOWN_ALL,		/* every name the files set */
	PIN_SHOWN_PIN_AND_ALL,
};

size_t		 pin_shown(struct merged *, const char *const *, size_t,
		    enum pin_shown, char ***);

void		 pin_evaluate(const struct pin_input *, struct pin_report *);
void		 pin_report_free(struct pin_report *);
const char	*pin_verdict_name(enum pin_verdict);
const char	*pin_status_name(enum pin_status);

#endif
