/*
 * Findings: problems found in a share or on a phone, each with a level, a
 * stable code and a location.  Libraries collect them; only the reports
 * print them.  The worst level decides the exit status.
 */
#ifndef FINDINGS_H
#define FINDINGS_H

#include <stddef.h>

enum severity {
	SEV_NOTE,
	SEV_WARNING,
	SEV_ERROR,
};

struct finding {
	enum severity	 sev;
	const char	*code;		/* static, stable: "conflict" */
	char		*message;
	char		*file;		/* share-relative, or NULL */
	int		 line;		/* 0 when unknown */
};

struct findings {
	struct finding	*v;
	size_t		 n;
	size_t		 cap;
};

void		 findings_add(struct findings *, enum severity, const char *,
		    const char *, int, const char *, ...)
		    __attribute__((format(printf, 6, 7)));
int		 findings_worst(const struct findings *);
void		 findings_free(struct findings *);
const char	*severity_name(enum severity);

#endif
