/*
 * PIN sign-in readiness, checked in the order an expert checks it: the
 * base profile, usePinCredentials on the sign-in line, switches that hide
 * sign-in, then where the certificate-provisioning (STS) URL comes from:
 * the stsUri override (UC Software 5.3 or later) or DHCP option 43.  A
 * value the phone reports beats the share's: it is what runs.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dhcp.h"
#include "cfgfile.h"
#include "merge.h"
#include "phone.h"
#include "pin.h"
#include "strmap.h"
#include "xalloc.h"

#define STS_PATH	"/CertProv/CertProvisioningService.svc"

/* What polyaudit reads from a phone for this check. */
const char *const pin_phone_names[] = {
	"reg.1.auth.usePinCredentials",
	"dhcp.option43.override.stsUri",
	"device.baseProfile",
	"feature.lync.hideSignInSignOut",
	"softkey.feature.simplifiedSignIn",
	"feature.webSignIn.enabled",
	NULL,
};

/* A value and where it comes from: the phone's if it reported one. */
struct val {
	const char		*value;		/* NULL when unset */
	char			*where;		/* malloced */
	const struct eparam	*e;		/* the share's view */
};

const char *
pin_verdict_name(enum pin_verdict v)
{
	return v == PIN_YES ? "yes" : v == PIN_NO ? "no" : "cannot tell";
}

const char *
pin_status_name(enum pin_status s)
{
	static const char *const names[] = { "ok", "fail", "unknown", "info" };

	return names[s];
}

static void
get(const struct pin_input *in, const char *name, struct val *v)
{
	const struct phone_result	*ph = in->phone;
	size_t				 i;

	v->e = merge_get(in->m, name);
	if (ph != NULL && ph->kind == PHONE_OK)
		for (i = 0; i < ph->nvalues; i++)
			if (strcmp(ph->values[i].name, name) == 0 &&
			    ph->values[i].value != NULL) {
				v->value = ph->values[i].value;
				v->where = xasprintf("the phone runs it "
				    "(Source %s)", ph->values[i].source ?
				    ph->values[i].source : "unknown");
				return;
			}
	v->value = v->e->value;
	if (v->e->file != NULL)
		v->where = xasprintf("%s:%d, %s", v->e->file, v->e->line,
		    psource_name(v->e->source));
	else
		v->where = xstrdup(v->e->note ? v->e->note :
		    psource_name(v->e->source));
}

static void
add(struct pin_report *pr, const char *what, enum pin_status st,
    const struct val *v, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
add(struct pin_report *pr, const char *what, enum pin_status st,
    const struct val *v, const char *fmt, ...)
{
	struct pin_check	*c;
	va_list			 ap;

	pr->v = xreallocarray(pr->v, pr->n + 1, sizeof(*pr->v));
	c = &pr->v[pr->n++];
	c->what = what;
	c->status = st;
	c->file = v != NULL && v->e != NULL && v->where != NULL &&
	    strncmp(v->where, "the phone", 9) != 0 ? v->e->file : NULL;
	c->line = c->file != NULL ? v->e->line : 0;
	va_start(ap, fmt);
	if ((c->message = strpool_vprintf(&pr->text, fmt, ap)) == NULL)
		c->message = strpool_dup(&pr->text, fmt);
	va_end(ap);
}

static int
is_lync(const char *bp)
{
	return bp != NULL && (strcmp(bp, "Lync") == 0 ||
	    strcmp(bp, "Skype") == 0 || strcmp(bp, "SkypeUSB") == 0);
}

/* reg.N.auth.usePinCredentials, with N a number. */
int
pin_is_param(const char *name)
{
	const char	*p;

	if (strncmp(name, "reg.", 4) != 0 || !isdigit((unsigned char)name[4]))
		return 0;
	for (p = name + 4; isdigit((unsigned char)*p); p++)
		;
	return strcmp(p, ".auth.usePinCredentials") == 0;
}

/* The defaults of the PIN sign-in set, as rule 10 has them. */
static int
pin_default(struct merged *m, const char *name, const char **value,
    const char **note)
{
	const struct eparam	*bp;

	if (pin_is_param(name)) {
		bp = merge_get(m, "device.baseProfile");
		if (bp->source != PSRC_NOT_APPLIED && is_lync(bp->value)) {
			*value = "1";
			*note = "default with the Lync/Skype base profile";
		} else {
			*value = "0";
			*note = "default with the Generic base profile";
		}
		return 1;
	}
	if (strcmp(name, "dhcp.option43.override.stsUri") == 0) {
		*value = "";
		*note = "default: no override, the phone needs DHCP option 43";
		return 1;
	}
	return 0;
}

const struct merge_default merge_defaults[] = {
	{ pin_default },
	{ NULL },
};

static int
cmpint(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/*
 * The registrations any applicable file configures, sorted, at least 1:
 * *regs is malloced, the count is returned.
 */
size_t
pin_registrations(struct merged *m, int **regs)
{
	const struct resolution	*r = merge_resolution(m);
	const struct cfgfile	*cf;
	size_t			 k, i, n = 1;
	int			*v;

	for (k = 0; k < r->nfiles; k++)
		if ((cf = r->files[k].cf) != NULL)
			n += cf->nregs;
	v = xreallocarray(NULL, n, sizeof(*v));
	v[0] = 1;
	for (k = 0, n = 1; k < r->nfiles; k++)
		if ((cf = r->files[k].cf) != NULL)
			for (i = 0; i < cf->nregs; i++)
				v[n++] = cf->regs[i];
	/* Mostly in order already (1, then a line file's 1): no sort then. */
	for (i = 1; i < n && v[i - 1] <= v[i]; i++)
		;
	if (i < n)
		qsort(v, n, sizeof(*v), cmpint);
	for (i = k = 0; i < n; i++)
		if (k == 0 || v[k - 1] != v[i])
			v[k++] = v[i];
	*regs = v;
	return k;
}

/*
 * "reg.N.<rest>", malloced: asked for every phone, so put together by
 * hand, not by xasprintf() or xconcat().
 */
static char *
reg_name(int n, const char *rest)
{
	char	num[16], *p = num + sizeof(num), *s;
	size_t	nl, rl = strlen(rest);

	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	nl = (size_t)(num + sizeof(num) - p);
	s = xmalloc(4 + nl + 1 + rl + 1);
	memcpy(s, "reg.", 4);
	memcpy(s + 4, p, nl);
	s[4 + nl] = '.';
	memcpy(s + 4 + nl + 1, rest, rl + 1);
	return s;
}

/*
 * The PIN sign-in set: reg.N.auth.usePinCredentials for every registration
 * the files configure, the STS URI override and the base profile.  The
 * names and the array are malloced; the count is returned.
 */
size_t
pin_names(struct merged *m, char ***names)
{
	int	*regs;
	size_t	 n, i;

	n = pin_registrations(m, &regs);
	*names = xreallocarray(NULL, n + 2, sizeof(**names));
	for (i = 0; i < n; i++)
		(*names)[i] = reg_name(regs[i], "auth.usePinCredentials");
	(*names)[n++] = xstrdup("dhcp.option43.override.stsUri");
	(*names)[n++] = xstrdup("device.baseProfile");
	free(regs);
	return n;
}

/*
 * The parameters a command shows: the --param names when there are any,
 * else the PIN sign-in set, every name the files set, or both (the PIN
 * set first).  The names and the array are malloced; the count is
 * returned.
 */
size_t
pin_shown(struct merged *m, const char *const *want, size_t nwant,
    enum pin_shown what, char ***out)
{
	const char *const	 *all;
	char			**pin = NULL, **names;
	size_t			  n = 0, np = 0, i, k = 0;
	struct strmap		 *seen;

	if (nwant > 0) {
		all = want;
		n = nwant;
	} else if (what != PIN_SHOWN_PIN)
		n = merge_names(m, &all);
	if (nwant == 0 && what != PIN_SHOWN_ALL)
		np = pin_names(m, &pin);
	/* Only a PIN set shown with other names has duplicates to drop. */
	if (n == 0) {
		*out = pin;
		return np;
	}
	names = xreallocarray(NULL, n + np, sizeof(*names));
	seen = strmap_new_sized(n + np);
	for (i = 0; i < np; i++) {
		strmap_put(seen, pin[i], NULL);
		names[k++] = pin[i];
	}
	for (i = 0; i < n; i++)
		if (np == 0 || strmap_put(seen, all[i], NULL) == 0)
			names[k++] = xstrdup(all[i]);
	free(pin);
	strmap_free(seen, NULL);
	*out = names;
	return k;
}

static void
check_profile(const struct pin_input *in, struct pin_report *pr)
{
	struct val	v;

	get(in, "device.baseProfile", &v);
	/*
	 * The share's value, not applied (rule 9): even "Lync" says nothing,
	 * the phone runs what is in its flash.  The rule-10 defaults agree.
	 */
	if (v.value == v.e->value && v.e->source == PSRC_NOT_APPLIED)
		add(pr, "base-profile", PIN_UNKNOWN, &v, "device.baseProfile "
		    "\"%s\" at %s is %s: the phone keeps the profile in its "
		    "flash; ask the phone (--phone)", v.value, v.where,
		    v.e->note);
	else if (is_lync(v.value))
		add(pr, "base-profile", PIN_OK, &v, "device.baseProfile is "
		    "\"%s\" (%s)", v.value, v.where);
	else if (v.value != NULL && *v.value != '\0')
		add(pr, "base-profile", PIN_FAIL, &v, "device.baseProfile is "
		    "\"%s\" (%s): the phone offers no Skype for Business "
		    "sign-in; set it to \"Lync\" with device.set=1 and "
		    "device.baseProfile.set=1", v.value, v.where);
	else
		add(pr, "base-profile", PIN_UNKNOWN, &v, "the share does not "
		    "set device.baseProfile; ask the phone (--phone)");
	free(v.where);
}

static void
check_pin(const struct pin_input *in, struct pin_report *pr)
{
	struct val	 v;
	char		*name;
	int		*regs;
	size_t		 n, i, k;

	n = pin_registrations(in->m, &regs);
	for (i = 0; i < n; i++) {
		name = xasprintf("reg.%d.auth.usePinCredentials", regs[i]);
		get(in, name, &v);
		if (v.value != NULL && strcmp(v.value, "1") == 0)
			add(pr, "use-pin", regs[i] == 1 ? PIN_OK : PIN_INFO,
			    &v, "%s is \"1\" (%s)", name, v.where);
		else if (regs[i] != 1)
			add(pr, "use-pin", PIN_INFO, &v, "%s is \"%s\" (%s); "
			    "line 1 is the one that signs in", name,
			    v.value ? v.value : "", v.where);
		else {
			/* Say which lower value the winner hides. */
			for (k = 0; k < v.e->nshadowed; k++)
				if (strcmp(v.e->shadowed[k].value, "1") == 0)
					break;
			if (k < v.e->nshadowed)
				add(pr, "use-pin", PIN_FAIL, &v, "%s is \"%s\" "
				    "(%s), shadowing \"1\" from %s:%d: remove "
				    "the value that wins", name, v.value ?
				    v.value : "", v.where,
				    v.e->shadowed[k].file,
				    v.e->shadowed[k].line);
			else
				add(pr, "use-pin", PIN_FAIL, &v, "%s is \"%s\" "
				    "(%s): set it to \"1\"", name,
				    v.value ? v.value : "", v.where);
		}
		free(v.where);
		free(name);
	}
	free(regs);
}

static void
check_switches(const struct pin_input *in, struct pin_report *pr)
{
	struct val	v;

	get(in, "feature.lync.hideSignInSignOut", &v);
	if (v.value != NULL && strcmp(v.value, "1") == 0)
		add(pr, "hide-sign-in", PIN_FAIL, &v, "feature.lync."
		    "hideSignInSignOut is \"1\" (%s): sign-in is hidden",
		    v.where);
	free(v.where);
	get(in, "softkey.feature.simplifiedSignIn", &v);
	if (v.value != NULL)
		add(pr, "simplified-sign-in", PIN_INFO, &v, "softkey.feature."
		    "simplifiedSignIn is \"%s\" (%s)", v.value, v.where);
	free(v.where);
	get(in, "feature.webSignIn.enabled", &v);
	if (v.value != NULL)
		add(pr, "web-sign-in", PIN_INFO, &v, "feature.webSignIn."
		    "enabled is \"%s\" (%s)", v.value, v.where);
	free(v.where);
}

/* Major.minor of a firmware version, or -1. */
static int
version(const char *fw)
{
	int	maj, min;

	if (fw == NULL || sscanf(fw, "%d.%d", &maj, &min) != 2)
		return -1;
	return maj * 100 + min;
}

/* An https URL ending in the certificate-provisioning path. */
static int
good_sts(const char *u)
{
	size_t	len = strlen(u), pl = strlen(STS_PATH);

	return strncasecmp(u, "https://", 8) == 0 && u[8] != '/' &&
	    u[8] != '\0' && len > pl + 8 &&
	    strcasecmp(u + len - pl, STS_PATH) == 0 &&
	    strchr(u + 8, '/') == u + len - pl;
}

static void
check_sts(const struct pin_input *in, struct pin_report *pr)
{
	const struct dhcp_result	*o = in->opt43;
	struct val			 v;
	size_t				 i;
	int				 fw;

	get(in, "dhcp.option43.override.stsUri", &v);
	if (v.value != NULL && *v.value != '\0') {
		fw = in->phone && in->phone->kind == PHONE_OK ?
		    version(in->phone->id.firmware) : -1;
		if (!good_sts(v.value))
			add(pr, "sts-uri", PIN_FAIL, &v, "dhcp.option43."
			    "override.stsUri \"%s\" (%s) is not an https URL "
			    "ending in %s", v.value, v.where, STS_PATH);
		else if (fw != -1 && fw < 503)
			add(pr, "sts-uri", PIN_FAIL, &v, "dhcp.option43."
			    "override.stsUri (%s) needs UC Software 5.3 or "
			    "later; the phone runs %s", v.where,
			    in->phone->id.firmware);
		else
			add(pr, "sts-uri", PIN_OK, &v, "the STS URI comes "
			    "from dhcp.option43.override.stsUri \"%s\" (%s); "
			    "option 43 is not needed, but the phone needs "
			    "network time (SNTP)", v.value, v.where);
		free(v.where);
		if (o != NULL)
			add(pr, "option43", PIN_INFO, NULL, "option 43 also "
			    "given: %s", o->sts_uri ? o->sts_uri :
			    "no complete STS URI");
		return;
	}
	if (o == NULL)
		add(pr, "sts-uri", PIN_UNKNOWN, &v, "no dhcp.option43.override."
		    "stsUri (%s): the phone needs the STS URI from DHCP "
		    "option 43; give --option43 HEX from your DHCP server, or "
		    "run 'polyaudit dhcp probe'", v.where);
	else if (o->sts_uri != NULL && o->nwarns == 0)
		add(pr, "sts-uri", PIN_OK, NULL, "DHCP option 43 gives the "
		    "STS URI %s", o->sts_uri);
	else {
		for (i = 0; i < o->nwarns; i++)
			add(pr, "option43", PIN_FAIL, NULL, "option 43: %s",
			    o->warns[i].message);
		if (o->nwarns == 0)
			add(pr, "option43", PIN_FAIL, NULL, "option 43 holds "
			    "no complete STS URI");
		add(pr, "sts-uri", PIN_FAIL, &v, "no usable STS URI: option "
		    "43 is broken and dhcp.option43.override.stsUri is not "
		    "set; fix option 43 ('polyaudit dhcp encode') or set "
		    "the override");
	}
	free(v.where);
}

/* Check everything; the verdict is no on any failure, else cannot tell
 * on any unknown, else yes. */
void
pin_evaluate(const struct pin_input *in, struct pin_report *pr)
{
	size_t	i;

	memset(pr, 0, sizeof(*pr));
	if (in->phone != NULL && in->phone->kind != PHONE_OK)
		add(pr, "phone", PIN_UNKNOWN, NULL, "the phone could not be "
		    "read: %s", in->phone->error);
	check_profile(in, pr);
	check_pin(in, pr);
	check_switches(in, pr);
	check_sts(in, pr);
	pr->verdict = PIN_YES;
	for (i = 0; i < pr->n; i++)
		if (pr->v[i].status == PIN_FAIL)
			pr->verdict = PIN_NO;
		else if (pr->v[i].status == PIN_UNKNOWN &&
		    pr->verdict == PIN_YES)
			pr->verdict = PIN_CANNOT_TELL;
}

void
pin_report_free(struct pin_report *pr)
{
	strpool_free(&pr->text);
	free(pr->v);
	memset(pr, 0, sizeof(*pr));
}
