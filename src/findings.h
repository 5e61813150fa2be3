/*
 * Findings: problems found in a share or on a phone, each with a stable
 * code from one table, a level and a location.  Libraries collect them;
 * only the reports print them.  The worst level decides the exit status.
 * A zeroed struct findings is an empty set; findings_free() frees its
 * findings and their strings together.
 *
 * To add a code: one enum constant in its level's group below, one entry
 * in findings.c's table, one paragraph in DIAGNOSTICS in man/polyaudit.1
 * (tests/manlint.sh checks that the page lists exactly the table's codes).
 */
#ifndef FINDINGS_H
#define FINDINGS_H

#include <stddef.h>

#include "strpool.h"

enum severity {
	SEV_NOTE,
	SEV_WARNING,
	SEV_ERROR,
};

/* Grouped by level, as the table in findings.c is. */
enum findcode {
	/* errors */
	FIND_ENCRYPTED_MASTER,
	FIND_MALFORMED,
	FIND_MISSING_FILE,
	FIND_NO_MASTER,
	FIND_REFUSED,
	/* warnings */
	FIND_CONFLICT,
	FIND_EMPTY_CONFIG_LIST,
	FIND_FIRMWARE_DRIFT,
	FIND_FIRMWARE_MISSING,
	FIND_FIRMWARE_MODEL,
	FIND_INVENTORY,
	FIND_LOG_CERT_EXPIRED,
	FIND_LOG_DOWNLOAD_FAILED,
	FIND_LOG_UPLOAD_FAILED,
	FIND_LONG_ENTRY,
	FIND_LONG_LIST,
	FIND_MASTER_CASE,
	FIND_MASTER_PARAMS,
	FIND_MASTER_SELF,
	FIND_NAME_CASE,
	FIND_NEEDS_MODEL,
	FIND_NO_CONFIG_FILES,
	FIND_OVERRIDDEN,
	FIND_OVERRIDES_URL,
	FIND_PROV_REDIRECT,
	FIND_PROV_SERVER,
	FIND_TLS_EXPIRED,
	FIND_TLS_NAME,
	FIND_TLS_UNTRUSTED,
	FIND_UNLISTABLE_DIR,
	FIND_UPLOADS_STALE,
	FIND_URL_ENTRY,
	/* notes */
	FIND_AMBIGUOUS_MODEL_LIST,
	FIND_DUPLICATE_ENTRY,
	FIND_ENCRYPTED,
	FIND_FIRMWARE_UNKNOWN,
	FIND_NO_LISTING,
	FIND_NOT_APPLIED,
	FIND_ORPHAN_OVERRIDE,
	FIND_OVERRIDES_ABSOLUTE,
	FIND_PROV_REDIRECT_UNKNOWN,
	FIND_REDUNDANT_OVERRIDE,
	FIND_PROV_SERVER_UNKNOWN,
	FIND_TLS_UNTRUSTED_UNKNOWN,
	FIND__MAX
};

struct finding {
	enum findcode	 code;
	enum severity	 sev;		/* its code's, from the table */
	char		*message;	/* in the set's text */
	char		*file;		/* share-relative, or NULL; ditto */
	int		 line;		/* 0 when unknown */
};

struct findings {
	struct finding	*v;
	size_t		 n;
	size_t		 cap;
	struct strpool	 text;		/* its findings' strings */
};

void		 findings_add(struct findings *, enum findcode,
		    const char *, int, const char *, ...)
		    __attribute__((format(printf, 5, 6)));
void		 findings_add_text(struct findings *, enum findcode,
		    const char *, int, const char *);
int		 findings_worst(const struct findings *);
void		 findings_free(struct findings *);
const char	*findings_name(enum findcode);
const char	*severity_name(enum severity);

#endif
