#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "findings.h"
#include "xalloc.h"

/* Append a finding; file may be NULL, line 0 when unknown. */
void
findings_add(struct findings *fs, enum severity sev, const char *code,
    const char *file, int line, const char *fmt, ...)
{
	struct finding	*f;
	va_list		 ap;

	if (fs->n == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 8;
		fs->v = xreallocarray(fs->v, fs->cap, sizeof(*fs->v));
	}
	f = &fs->v[fs->n++];
	f->sev = sev;
	f->code = code;
	f->file = file ? xstrdup(file) : NULL;
	f->line = line;
	va_start(ap, fmt);
	if (vasprintf(&f->message, fmt, ap) == -1)
		f->message = xstrdup(fmt);
	va_end(ap);
}

/* The worst severity present, or -1 when there are no findings. */
int
findings_worst(const struct findings *fs)
{
	size_t	i;
	int	worst = -1;

	for (i = 0; i < fs->n; i++)
		if ((int)fs->v[i].sev > worst)
			worst = fs->v[i].sev;
	return worst;
}

void
findings_free(struct findings *fs)
{
	size_t	i;

	for (i = 0; i < fs->n; i++) {
		free(fs->v[i].message);
		free(fs->v[i].file);
	}
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}

const char *
severity_name(enum severity sev)
{
	switch (sev) {
	case SEV_ERROR:
		return "error";
	case SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}
