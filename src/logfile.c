#include <ctype.h>
#include <string.h>

#include "logfile.h"

#define COMP_MAX	5	/* component ids are 1 to 5 characters */

/* n digits at s as a number, or -1; at most 9, so the int never overflows. */
static int
digits(const char *s, size_t n)
{
	size_t	i;
	int	v = 0;

	if (n > 9)
		return -1;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
valid_clock(int mon, int day, int hour, int min, int sec)
{
	return mon >= 1 && mon <= 12 && day >= 1 && day <= 31 && hour >= 0 &&
	    hour < 24 && min >= 0 && min < 60 && sec >= 0 && sec < 60;
}

/*
 * The time field: format 0 (HHMMSS.mmm since boot), or ten digits.  Ten
 * digits are format 2 (MMDDhhmmss, what real UC lines fit and Posh-UCS
 * assumes) unless that is no date; then format 1 (YYMMDDhhmm).
 */
static int
parse_time(const char *s, size_t n, struct logline *ll)
{
	int	h, m, sec, ms;

	if (n == 10 && s[6] == '.') {
		if ((h = digits(s, 2)) < 0 || (m = digits(s + 2, 2)) < 0 ||
		    (sec = digits(s + 4, 2)) < 0 || (ms = digits(s + 7, 3)) < 0
		    || m >= 60 || sec >= 60)
			return -1;
		ll->tkind = LOGT_BOOT;
		ll->since_boot = h * 3600.0 + m * 60 + sec + ms / 1000.0;
		return 0;
	}
	if (n != 10 || digits(s, 5) < 0 || digits(s + 5, 5) < 0)
		return -1;
	ll->tkind = LOGT_ABS;
	ll->year = -1;
	ll->mon = digits(s, 2);
	ll->day = digits(s + 2, 2);
	ll->hour = digits(s + 4, 2);
	ll->min = digits(s + 6, 2);
	ll->sec = digits(s + 8, 2);
	if (valid_clock(ll->mon, ll->day, ll->hour, ll->min, ll->sec))
		return 0;
	ll->year = 2000 + digits(s, 2);
	ll->mon = digits(s + 2, 2);
	ll->day = digits(s + 4, 2);
	ll->hour = digits(s + 6, 2);
	ll->min = digits(s + 8, 2);
	ll->sec = 0;
	return valid_clock(ll->mon, ll->day, ll->hour, ll->min, 0) ? 0 : -1;
}

/*
 * Parse one line (len bytes, no newline; any bytes).  A line is
 * "time|component|class|missed|text", or without the time when it was
 * cut off (as in KCLC's quotes); the text may hold '|'.  Returns -1 for
 * anything else, which stays unclassified.
 */
int
logline_parse(const char *s, size_t len, struct logline *ll)
{
	const char	*f[4], *end = s + len, *p, *rest = NULL;
	size_t		 n[4], i, nf = 0;

	memset(ll, 0, sizeof(*ll));
	f[0] = s;
	for (p = s; p < end && nf < 4; p++)
		if (*p == '|') {
			n[nf] = (size_t)(p - f[nf]);
			if (++nf < 4)
				f[nf] = p + 1;
			else
				rest = p + 1;
		}
	if (nf < 3)
		return -1;
	if (nf == 3)
		n[3] = (size_t)(end - f[3]);
	/* A first field of digits is the time; else it was cut off. */
	i = 0;
	if (n[0] > 0 && isdigit((unsigned char)f[0][0])) {
		if (parse_time(f[0], n[0], ll) == -1)
			return -1;
		i = 1;
	}
	ll->comp = f[i];
	ll->complen = n[i];
	while (ll->complen > 0 && ll->comp[ll->complen - 1] == ' ')
		ll->complen--;
	if (ll->complen == 0 || ll->complen > COMP_MAX)
		return -1;
	if (n[i + 1] != 1 || (f[i + 1][0] != '*' && (f[i + 1][0] < '0' ||
	    f[i + 1][0] > '6')))
		return -1;
	ll->cls = f[i + 1][0];
	if (i == 1) {
		if (rest == NULL || n[3] < 1 || n[3] > 2 ||
		    digits(f[3], n[3]) < 0)
			return -1;
		ll->text = rest;
	} else {
		/* Without the time the third field is the missed count. */
		if (n[2] < 1 || n[2] > 2 || digits(f[2], n[2]) < 0)
			return -1;
		ll->text = f[3];
	}
	ll->textlen = (size_t)(end - ll->text);
	return 0;
}

static int
starts(const struct logline *ll, const char *prefix)
{
	size_t	n = strlen(prefix);

	return ll->textlen >= n && memcmp(ll->text, prefix, n) == 0;
}

/*
 * The proven signatures only (diagnosis.md 5.2), verbatim: a Trio's log
 * upload error [D34], a file the configuration names that could not be
 * downloaded [D4], a web ticket whose certificate expired [D35].
 */
enum log_sig
logline_signature(const struct logline *ll)
{
	static const char	upload[] =
	    "UtilLogServerC::uploadFifoLog: upload error.";
	size_t			n = sizeof(upload) - 1, i;

	for (i = 0; i + n <= ll->textlen; i++)
		if (memcmp(ll->text + i, upload, n) == 0)
			return LOGSIG_UPLOAD_FAILED;
	if (starts(ll, "Failed to download file "))
		return LOGSIG_DOWNLOAD_FAILED;
	if (starts(ll, "m_bCertExpired [1]"))
		return LOGSIG_CERT_EXPIRED;
	return LOGSIG_NONE;
}

/*
 * An absolute line's time as UTC, or -1.  Format 2 has no year: the
 * current one, or the one before when that would lie ahead of now (as
 * Posh-UCS does).
 */
time_t
logline_when(const struct logline *ll, time_t now)
{
	struct tm	tm, nowtm;
	time_t		t;

	if (ll->tkind != LOGT_ABS)
		return (time_t)-1;
	gmtime_r(&now, &nowtm);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = (ll->year >= 0 ? ll->year : nowtm.tm_year + 1900) - 1900;
	tm.tm_mon = ll->mon - 1;
	tm.tm_mday = ll->day;
	tm.tm_hour = ll->hour;
	tm.tm_min = ll->min;
	tm.tm_sec = ll->sec;
	t = timegm(&tm);
	if (ll->year < 0 && t > now + 86400) {
		tm.tm_year--;
		t = timegm(&tm);
	}
	return t;
}

/*
 * Read a whole log (len bytes, any content): count its lines, find the
 * newest absolute time and the signature lines, keeping the first
 * LOG_HITS_MAX of them.  One pass; now dates format 2 lines.
 */
void
logfile_read(const char *buf, size_t len, time_t now, struct logsum *ls)
{
	const char	*p = buf, *end = buf + len, *nl;
	struct logline	 ll;
	enum log_sig	 sig;
	size_t		 n;
	time_t		 t;

	memset(ls, 0, sizeof(*ls));
	ls->newest = (time_t)-1;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		ls->lines++;
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (logline_parse(p, n, &ll) == 0) {
			ls->parsed++;
			t = logline_when(&ll, now);
			if (t != (time_t)-1 && t > ls->newest)
				ls->newest = t;
			sig = logline_signature(&ll);
			ls->nsig[sig]++;
			if (sig != LOGSIG_NONE && ls->nhits < LOG_HITS_MAX) {
				ls->hits[ls->nhits].line = (int)ls->lines;
				ls->hits[ls->nhits].sig = sig;
				ls->hits[ls->nhits].text = p;
				ls->hits[ls->nhits++].len = n;
			}
		}
		p = nl ? nl + 1 : end;
	}
}
