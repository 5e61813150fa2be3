#include <string.h>

#include "redact.h"
#include "report.h"
#include "xalloc.h"

static const char *const format_names[] = { "text", "json", "csv" };

/*
 * Parse a --format argument; allowed is a mask of (1 << FMT_*).  Returns
 * -1 for a name that is unknown or not allowed here.
 */
int
report_format(const char *name, int allowed, enum format *fmt)
{
	size_t	i;

	for (i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (strcmp(name, format_names[i]) == 0 && (allowed & (1 << i))) {
			*fmt = (enum format)i;
			return 0;
		}
	return -1;
}

/* The name of format number i, or NULL past the last. */
const char *
report_format_name(size_t i)
{
	return i < sizeof(format_names) / sizeof(format_names[0]) ?
	    format_names[i] : NULL;
}

/* The value to print for parameter name: "***" for secrets. */
const char *
report_secret(int show, const char *name, const char *value)
{
	if (value == NULL || show || *value == '\0' || !redact_is_secret(name))
		return value;
	return REDACTED;
}

const char *
report_value(const struct showview *v, const char *name, const char *value)
{
	return report_secret(v->show_secrets, name, value);
}

/* A file path fit to print: URL entries lose their passwords. Malloced. */
char *
report_path(const char *path)
{
	return redact_url(path);
}
