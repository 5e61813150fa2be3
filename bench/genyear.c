/*
 * A generated year of nightly recorded audits for the history benchmark:
 *   genyear DB [PHONES [DAYS [PERMILLE]]]
 * Each night every phone reports six rows through store.c, as a recorded
 * audit does (the phone itself, the PIN set, its line's address and
 * label, with phone values and verdicts), and PERMILLE / 1000 of the
 * phones (10 = 1 %) change one thing: the label is edited on the share,
 * set on the phone (drift) or put back, or a web override switching PIN
 * sign-in off appears or goes.  Deterministic; prints the seconds each
 * commit took.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"

struct phone {
	int	label;		/* share edits of the label */
	int	drift;		/* the phone's own label, 0 for none */
	int	override;	/* web override switching PIN off */
};

static unsigned long	seed = 12345;

static unsigned long
rnd(void)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return seed >> 33;
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
night(struct store *st, struct phone *p, size_t n)
{
	struct store_obs	o;
	char			mac[32], addr[64], label[64], plabel[64], file[64];
	size_t			i;

	for (i = 0; i < n; i++) {
		snprintf(mac, sizeof(mac), "0004f2%06zx", i);
		memset(&o, 0, sizeof(o));
		o.name = "(phone)";
		o.phone_value = "5.9.6.2996";
		o.phone_source = "VVX411";
		o.verdict = "ok";
		store_add(st, mac, &o);
		memset(&o, 0, sizeof(o));
		o.name = "reg.1.auth.usePinCredentials";
		o.value = p[i].override ? "0" : "1";
		o.source = p[i].override ? "web-override" : "config";
		snprintf(file, sizeof(file), "overrides/%s-web.cfg", mac);
		o.file = p[i].override ? file : "shared01.cfg";
		o.line = p[i].override ? 1 : 3001;
		o.phone_value = o.value;
		o.phone_source = p[i].override ? "web" : "config";
		o.verdict = "match";
		store_add(st, mac, &o);
		o.name = "dhcp.option43.override.stsUri";
		o.value = o.phone_value = "https://pool.example.com:443/"
		    "CertProv/CertProvisioningService.svc";
		o.file = "shared01.cfg";
		o.line = 3002;
		o.source = o.phone_source = "config";
		store_add(st, mac, &o);
		o.name = "device.baseProfile";
		o.value = o.phone_value = "Lync";
		o.file = "shared02.cfg";
		o.line = 3001;
		o.phone_source = "device";
		store_add(st, mac, &o);
		snprintf(file, sizeof(file), "%s-line.cfg", mac);
		snprintf(addr, sizeof(addr), "%s@example.com", mac);
		o.name = "reg.1.address";
		o.value = o.phone_value = addr;
		o.file = file;
		o.line = 1;
		o.phone_source = "config";
		store_add(st, mac, &o);
		snprintf(label, sizeof(label), "Phone %zu v%d", i, p[i].label);
		snprintf(plabel, sizeof(plabel), "Desk %d", p[i].drift);
		o.name = "reg.1.label";
		o.value = label;
		o.phone_value = p[i].drift ? plabel : label;
		o.phone_source = p[i].drift ? "local" : "config";
		o.verdict = p[i].drift ? "drift" : "match";
		store_add(st, mac, &o);
	}
}

int
main(int argc, char *argv[])
{
	struct store	*st;
	struct phone	*p;
	size_t		 n, days, permille, d, k, i;
	time_t		 t0 = 1767225600;	/* 2026-01-01 02:00 UTC */
	char		*cause = NULL;
	double		 a, total = 0, worst = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: genyear DB [PHONES [DAYS [PERMILLE]]]\n");
		return 2;
	}
	n = argc > 2 ? strtoul(argv[2], NULL, 10) : 10000;
	days = argc > 3 ? strtoul(argv[3], NULL, 10) : 365;
	permille = argc > 4 ? strtoul(argv[4], NULL, 10) : 10;
	if (n == 0 || store_open(argv[1], 1, &st, &cause) == -1) {
		fprintf(stderr, "genyear: %s\n", cause ? cause : "no phones");
		return 2;
	}
	p = calloc(n, sizeof(*p));
	for (d = 0; d < days; d++) {
		for (k = 0; k < n * permille / 1000; k++) {
			i = rnd() % n;
			switch (rnd() % 3) {
			case 0:
				p[i].label++;
				break;
			case 1:
				p[i].drift = p[i].drift ? 0 : (int)d + 1;
				break;
			default:
				p[i].override = !p[i].override;
				break;
			}
		}
		night(st, p, n);
		a = now();
		if (store_commit(st, "/srv/polycom", "audit", t0 + (time_t)d *
		    86400, n, &cause) == -1) {
			fprintf(stderr, "genyear: %s\n", cause);
			return 2;
		}
		a = now() - a;
		total += a;
		if (a > worst)
			worst = a;
	}
	printf("%zu runs of %zu phones, %zu rows each: commit %.3f s on "
	    "average, %.3f s at most\n", days, n, n * 6, total / days, worst);
	store_close(st);
	free(p);
	return 0;
}
