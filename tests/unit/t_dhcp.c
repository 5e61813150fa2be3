/* Unit tests for dhcp.c and the packet side of dhcp_probe.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dhcp.h"
#include "dhcp_probe.h"

/* Reference 6.3: server.fqdn.company.com, 90 bytes, 180 hex characters. */
static const char golden[] =
    "010C4D532D55432D436C69656E74 0205687474707303 17 "
    "7365727665722E6671646E2E636F6D70616E792E636F6D 040334343305 25 "
    "2F4365727450726F762F4365727450726F766973696F6E696E67536572766963652E"
    "737663";
static const char golden_uri[] =
    "https://server.fqdn.company.com:443/CertProv/CertProvisioningService.svc";

static void
parse_ok(const char *in, const unsigned char *want, size_t wantlen)
{
	unsigned char	*buf;
	char		*cause = NULL;
	size_t		 len, nd;

	assert_int_equal(dhcp_hex_parse(in, &buf, &len, &nd, &cause), 0);
	assert_int_equal(len, wantlen);
	assert_int_equal(nd, 2 * wantlen);
	assert_memory_equal(buf, want, wantlen);
	free(buf);
}

static void
parse_bad(const char *in, const char *msg)
{
	unsigned char	*buf = NULL;
	char		*cause = NULL;
	size_t		 len;

	assert_int_equal(dhcp_hex_parse(in, &buf, &len, NULL, &cause), -1);
	assert_non_null(cause);
	assert_string_equal(cause, msg);
	assert_null(buf);
	free(cause);
}

static void
test_hex_forms(void **state)
{
	static const unsigned char	w[] = { 0x01, 0x04, 0x4d, 0x53 };

	(void)state;
	parse_ok("01044D53", w, 4);
	parse_ok("01044d53", w, 4);
	parse_ok("01 04 4d 53", w, 4);
	parse_ok("01:04:4D:53", w, 4);
	parse_ok("0x01 0x04 0x4D 0x53", w, 4);
	parse_ok("0x01044D53", w, 4);
	parse_ok("0104.4d53", w, 4);
	parse_ok("  0104.4d53\n", w, 4);
	parse_ok("01-04-4d-53", w, 4);
	parse_bad("010", "odd number of hex digits (3): a digit is missing "
	    "or extra");
	parse_bad("01 0G", "bad character 'G' at position 5");
	parse_bad("01\x01", "bad character 0x01 at position 3");
	parse_bad("", "no hex digits");
	parse_bad(" : ", "no hex digits");
}

static struct dhcp_result *
decode_hex(int option, const char *hex)
{
	struct dhcp_result	*r;
	unsigned char		*buf;
	char			*cause = NULL;
	size_t			 len, nd;

	assert_int_equal(dhcp_hex_parse(hex, &buf, &len, &nd, &cause), 0);
	r = dhcp_decode(option, buf, len, nd);
	free(buf);
	assert_non_null(r);
	return r;
}

/* hex, decoded as option, carries the warning code. */
static void
decode_warns(int option, const char *hex, const char *code)
{
	struct dhcp_result	*r;

	r = decode_hex(option, hex);
	if (!dhcp_haswarn(r, code))
		fail_msg("option %d %s: no %s warning", option, hex, code);
	dhcp_result_free(r);
}

static void
test_golden43(void **state)
{
	struct dhcp_result	*r;
	static const int	 codes[] = { 1, 2, 3, 4, 5 };
	static const char	*vals[] = { "MS-UC-Client", "https",
	    "server.fqdn.company.com", "443",
	    "/CertProv/CertProvisioningService.svc" };
	size_t			 i;

	(void)state;
	r = decode_hex(43, golden);
	assert_int_equal(r->nsubs, 5);
	for (i = 0; i < 5; i++) {
		assert_int_equal(r->subs[i].code, codes[i]);
		assert_int_equal(r->subs[i].length, strlen(vals[i]));
		assert_int_equal(r->subs[i].have, strlen(vals[i]));
		assert_memory_equal(r->subs[i].value, vals[i], strlen(vals[i]));
	}
	assert_string_equal(r->sts_uri, golden_uri);
	assert_int_equal(r->nwarns, 0);
	dhcp_result_free(r);
}

static void
test_pads_order_port(void **state)
{
	struct dhcp_result	*r;

	(void)state;
	/* Pads, another order, port 0443, an AudioCodes VLAN, 0xFF end. */
	r = decode_hex(43, "00 0A0231300404303434330205687474707300"
	    "0305612E622E63 0502 2F78 010C4D532D55432D436C69656E74 FF");
	assert_string_equal(r->sts_uri, "https://a.b.c:443/x");
	assert_int_equal(r->nwarns, 0);
	assert_int_equal(r->subs[0].code, 10);
	assert_string_equal(dhcp_subopt_name(43, 10), "VoiceVLAN (AudioCodes)");
	dhcp_result_free(r);
}

static void
test_warnings43(void **state)
{
	struct dhcp_result	*r;

	(void)state;
	/* Wrong identifier, http, a port in binary, no path. */
	r = decode_hex(43, "0103414243 020468747470 0305612E622E63 040201BB");
	assert_true(dhcp_haswarn(r, "not-ms-uc-client"));
	assert_true(dhcp_haswarn(r, "not-https"));
	assert_true(dhcp_haswarn(r, "bad-port"));
	assert_true(dhcp_haswarn(r, "missing-suboption"));
	assert_false(dhcp_haswarn(r, "truncated"));
	assert_null(r->sts_uri);
	dhcp_result_free(r);

	/* Truncated, but not at 180 characters: no Cisco hint. */
	r = decode_hex(43, "010C4D532D55432D436C69656E74 0310616263");
	assert_true(dhcp_haswarn(r, "truncated"));
	assert_false(dhcp_haswarn(r, "cisco-180"));
	assert_non_null(strstr(r->warns[0].message, "sub-option 3 "
	    "(WebServerFqdn)"));
	dhcp_result_free(r);

	/* A lone code byte. */
	decode_warns(43, "05", "truncated");

	r = decode_hex(43, "00");
	assert_true(dhcp_haswarn(r, "missing-suboption"));
	assert_null(r->sts_uri);
	dhcp_result_free(r);
}

static void
test_encode_roundtrip(void **state)
{
	struct dhcp_result	*r;
	unsigned char		*buf, *want;
	char			*hex, *cause = NULL;
	size_t			 len, wlen;

	(void)state;
	assert_int_equal(dhcp_encode43("server.fqdn.company.com", 0, NULL,
	    NULL, &buf, &len, &cause), 0);
	assert_int_equal(len, 90);
	assert_int_equal(dhcp_hex_parse(golden, &want, &wlen, NULL, &cause),
	    0);
	assert_int_equal(wlen, 90);
	assert_memory_equal(buf, want, 90);
	hex = dhcp_hex_format(buf, len);
	assert_int_equal(strlen(hex), 180);
	r = decode_hex(43, hex);
	assert_string_equal(r->sts_uri, golden_uri);
	assert_int_equal(r->nwarns, 0);
	dhcp_result_free(r);
	free(hex);
	free(buf);
	free(want);

	assert_int_equal(dhcp_encode43("pool.example.com", 4443, NULL, NULL,
	    &buf, &len, &cause), 0);
	r = dhcp_decode43(buf, len, 0);
	assert_string_equal(r->sts_uri, "https://pool.example.com:4443"
	    "/CertProv/CertProvisioningService.svc");
	dhcp_result_free(r);
	free(buf);

	assert_int_equal(dhcp_encode43("bad fqdn", 0, NULL, NULL, &buf, &len,
	    &cause), -1);
	assert_string_equal(cause, "bad character ' ' in FQDN \"bad fqdn\"");
	free(cause);
	assert_int_equal(dhcp_encode43("", 0, NULL, NULL, &buf, &len,
	    &cause), -1);
	free(cause);
}

static void
test_cisco180(void **state)
{
	struct dhcp_result	*r;
	unsigned char		*buf;
	char			*hex, *cause = NULL;
	size_t			 len;

	(void)state;
	/* 33-character FQDN: 200 hex characters; IOS keeps 180. */
	assert_int_equal(dhcp_encode43("lyncpool-web.internal.example.com",
	    0, NULL, NULL, &buf, &len, &cause), 0);
	assert_int_equal(2 * len, 200);
	hex = dhcp_hex_format(buf, len);
	hex[180] = '\0';
	r = decode_hex(43, hex);
	assert_true(dhcp_haswarn(r, "truncated"));
	assert_true(dhcp_haswarn(r, "cisco-180"));
	assert_non_null(strstr(r->warns[0].message, "sub-option 5 "
	    "(CertProvRelPath) is truncated"));
	assert_non_null(strstr(r->warns[1].message, "option ext 43 hex"));
	assert_null(r->sts_uri);
	dhcp_result_free(r);
	free(hex);
	free(buf);
}

static void
test_option120(void **state)
{
	struct dhcp_result	*r;

	(void)state;
	r = decode_hex(120, "0006736572766572046671646E07636F6D70616E79"
	    "03636F6D00");
	assert_int_equal(r->encoding, 0);
	assert_int_equal(r->nitems, 1);
	assert_string_equal(r->items[0], "server.fqdn.company.com");
	assert_int_equal(r->nwarns, 0);
	dhcp_result_free(r);

	r = decode_hex(120, "00 0161036e657400 0162036f726700");
	assert_int_equal(r->nitems, 2);
	assert_string_equal(r->items[0], "a.net");
	assert_string_equal(r->items[1], "b.org");
	assert_int_equal(r->nwarns, 0);
	dhcp_result_free(r);

	r = decode_hex(120, "01 0A000001 0A000002");
	assert_int_equal(r->encoding, 1);
	assert_int_equal(r->nitems, 2);
	assert_string_equal(r->items[1], "10.0.0.2");
	assert_true(dhcp_haswarn(r, "ipv4-encoding"));
	dhcp_result_free(r);

	decode_warns(120, "00 C00C", "compression");
	decode_warns(120, "00 0661", "truncated");
}

static void
test_option60(void **state)
{
	struct dhcp_result	*r;

	(void)state;
	r = decode_hex(60, "4D532D55432D436C69656E74");
	assert_int_equal(r->encoding, DHCP_60_STRING);
	assert_string_equal(r->items[0], "MS-UC-Client");
	assert_int_equal(r->nwarns, 0);
	dhcp_result_free(r);

	/* Reference 6.5: enterprise 13885, length, sub-options, FF. */
	r = decode_hex(60, "0000363D 2B 0107506F6C79636F6D"
	    "0215536F756E64506F696E7449502D535049505F363031 0508 42522F352E30"
	    "2E30 FF");
	assert_int_equal(r->encoding, DHCP_60_VIVC);
	assert_int_equal(r->enterprise, 13885);
	assert_int_equal(r->nsubs, 3);
	assert_memory_equal(r->subs[0].value, "Polycom", 7);
	assert_memory_equal(r->subs[1].value, "SoundPointIP-SPIP_601", 21);
	assert_string_equal(dhcp_subopt_name(60, 5), "bootROM");
	assert_int_equal(r->nwarns, 0);
	dhcp_result_free(r);

	decode_warns(60, "0000363D 40 0107506F6C", "truncated");
}

/* raw bytes of s as option 66/160 */
static struct dhcp_result *
boot(int option, const char *s, size_t len)
{
	return dhcp_decode(option, (const unsigned char *)s, len, 2 * len);
}

/* The boot server: address, name or URL, the password never kept. */
static void
test_boot_server(void **state)
{
	static const char	 url[] = "http://pbxuser:pbxpass@10.1.2.3/polycom";
	struct dhcp_result	*r;
	size_t			 i;

	(void)state;
	r = boot(160, url, sizeof(url) - 1);
	assert_int_equal(r->option, 160);
	assert_int_equal(r->encoding, DHCP_BOOT_URL);
	assert_string_equal(r->items[0], "http://pbxuser:***@10.1.2.3/polycom");
	assert_string_equal(r->items[1], "http");
	assert_int_equal(r->nwarns, 0);
	assert_string_equal(r->notes[0].code, "credentials");
	for (i = 0; i < r->nnotes; i++)
		assert_null(strstr(r->notes[i].message, "pbxpass"));
	dhcp_result_free(r);

	r = boot(66, "10.1.2.3\0", 9);
	assert_int_equal(r->encoding, DHCP_BOOT_ADDRESS);
	assert_string_equal(r->items[0], "10.1.2.3");
	assert_int_equal(r->nwarns, 0);
	assert_string_equal(r->notes[0].code, "nul-terminated");
	dhcp_result_free(r);

	r = boot(66, "boot.example.com", 16);
	assert_int_equal(r->encoding, DHCP_BOOT_NAME);
	assert_int_equal(r->nwarns + r->nnotes, 0);
	dhcp_result_free(r);

	r = boot(160, "TFTP://h/p/site1.cfg", 20);
	assert_string_equal(r->items[1], "tftp");
	assert_int_equal(r->nwarns, 0);
	assert_string_equal(r->notes[0].code, "master-in-url");
	dhcp_result_free(r);

	r = boot(160, "\0", 1);
	assert_true(dhcp_haswarn(r, "empty"));
	dhcp_result_free(r);
	r = boot(160, "gopher://x\x01y", 12);
	assert_true(dhcp_haswarn(r, "scheme"));
	assert_true(dhcp_haswarn(r, "not-printable"));
	dhcp_result_free(r);
	r = boot(66, "a\0b", 3);
	assert_true(dhcp_haswarn(r, "not-printable"));
	dhcp_result_free(r);
	r = boot(66, "bad server!", 11);
	assert_true(dhcp_haswarn(r, "bad-server"));
	dhcp_result_free(r);
}

/* Issue 18.5 and 18.6: option header and End option around a value. */
static void
test_header_and_end(void **state)
{
	struct dhcp_result	*r;
	unsigned char		*buf;
	char			*hex, *cut, *cause = NULL;
	size_t			 len;

	(void)state;
	if (asprintf(&hex, "2B5A %s FF", golden) == -1)
		fail();
	r = decode_hex(43, hex);
	free(hex);
	assert_int_equal(r->nsubs, 5);
	assert_string_equal(r->sts_uri, golden_uri);
	assert_int_equal(r->nwarns, 0);
	assert_int_equal(r->nnotes, 2);
	assert_string_equal(r->notes[0].code, "option-header");
	assert_non_null(strstr(r->notes[0].message, "option 43, length 90"));
	assert_string_equal(r->notes[1].code, "end-option");
	dhcp_result_free(r);

	/* The 180-digit Cisco check counts the value, not the header. */
	assert_int_equal(dhcp_encode43("lyncpool-web.internal.example.com",
	    0, NULL, NULL, &buf, &len, &cause), 0);
	cut = dhcp_hex_format(buf, len);
	cut[180] = '\0';
	if (asprintf(&hex, "2B5A%s", cut) == -1)
		fail();
	r = decode_hex(43, hex);
	assert_true(dhcp_haswarn(r, "truncated"));
	assert_true(dhcp_haswarn(r, "cisco-180"));
	assert_int_equal(r->nnotes, 1);
	dhcp_result_free(r);
	free(hex);
	free(cut);
	free(buf);

	/* End after the RFC 3925 data length; inside it, nothing to say. */
	r = decode_hex(60, "0000363D 09 0107506F6C79636F6D FF");
	assert_int_equal(r->nwarns, 0);
	assert_int_equal(r->nnotes, 1);
	assert_string_equal(r->notes[0].code, "end-option");
	dhcp_result_free(r);
	r = decode_hex(60, "3C0F 0000363D 09 0107506F6C79636F6D FF");
	assert_int_equal(r->nwarns, 0);
	assert_int_equal(r->nnotes, 2);
	dhcp_result_free(r);
	r = decode_hex(60, "0000363D 0A 0107506F6C79636F6D FF");
	assert_int_equal(r->nwarns + r->nnotes, 0);
	dhcp_result_free(r);

	/* An ff that completes a cut value is not taken as End. */
	r = decode_hex(120, "00 02 61 FF");
	assert_true(dhcp_haswarn(r, "truncated"));
	assert_int_equal(r->nnotes, 0);
	dhcp_result_free(r);

	/* A capture's 00 pads after End; not when they complete a value. */
	r = decode_hex(60, "0000363D 09 0107506F6C79636F6D FF 0000");
	assert_int_equal(r->nwarns, 0);
	assert_int_equal(r->nnotes, 2);
	assert_string_equal(r->notes[1].code, "padding");
	dhcp_result_free(r);
	if (asprintf(&hex, "%s FF 000000", golden) == -1)
		fail();
	r = decode_hex(43, hex);
	free(hex);
	assert_int_equal(r->nwarns, 0);
	assert_int_equal(r->nnotes, 1);
	assert_non_null(strstr(r->notes[0].message, "3 pad byte(s)"));
	dhcp_result_free(r);
	if (asprintf(&hex, "%s 0A02 FF00", golden) == -1)
		fail();
	r = decode_hex(43, hex);
	free(hex);
	assert_int_equal(r->nwarns + r->nnotes, 0);
	assert_int_equal(r->nsubs, 6);
	dhcp_result_free(r);

	/* Another option's header: a warning naming the bytes to drop. */
	r = decode_hex(120, "3C03 4D5343");
	assert_true(dhcp_haswarn(r, "option-header"));
	dhcp_result_free(r);
	r = decode_hex(43, "0103 414243");
	assert_false(dhcp_haswarn(r, "option-header"));
	assert_int_equal(r->nnotes, 0);
	dhcp_result_free(r);
}

static uint64_t	rng = 0x9E3779B97F4A7C15ULL;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

/*
 * Random and mutated inputs, each in a buffer of exactly its length so
 * ASan catches any read past the end.  30,000 of them, a second under
 * ASan: the long search is fuzz/fuzz_dhcp.c's (libFuzzer, in CI).
 */
static void
test_random(void **state)
{
	static const int	 opts[] = { 43, 120, 60 };
	struct dhcp_result	*r;
	struct dhcp_probe_reply	 rp;
	unsigned char		*seed, *buf;
	char			*cause = NULL;
	size_t			 seedlen, len, i, j;

	(void)state;
	assert_int_equal(dhcp_hex_parse(golden, &seed, &seedlen, NULL,
	    &cause), 0);
	for (i = 0; i < 30000; i++) {
		if (i % 2 == 0) {
			len = rnd() % 300;
			buf = malloc(len ? len : 1);
			for (j = 0; j < len; j++)
				buf[j] = (unsigned char)rnd();
		} else {
			len = rnd() % (seedlen + 1);
			buf = malloc(len ? len : 1);
			memcpy(buf, seed, len);
			for (j = rnd() % 4; j > 0 && len > 0; j--)
				buf[rnd() % len] = (unsigned char)rnd();
		}
		r = dhcp_decode(opts[i % 3], buf, len, len * 2);
		assert_non_null(r);
		assert_true(r->nwarns > 0 || r->option != 43 ||
		    r->sts_uri != NULL);
		dhcp_result_free(r);
		if (len > 0)
			(void)dhcp_probe_parse(buf, len, 0, &rp);
		free(buf);
	}
	free(seed);
}

static void
test_probe_packet(void **state)
{
	struct dhcp_probe_reply	 rp;
	struct in_addr		 a;
	unsigned char		 pkt[DHCP_PKT_MAX];
	static const unsigned char mac[6] = { 0, 4, 0xf2, 1, 2, 3 };
	size_t			 len;

	(void)state;
	a.s_addr = htonl(0x7f000001);
	len = dhcp_probe_build(pkt, sizeof pkt, 0x01020304, a, mac);
	assert_int_equal(len, 300);
	assert_int_equal(pkt[0], 1);
	assert_int_equal(pkt[1], 1);
	assert_memory_equal(pkt + 4, "\x01\x02\x03\x04", 4);
	assert_memory_equal(pkt + 12, "\x7f\x00\x00\x01", 4);
	assert_memory_equal(pkt + 236, "\x63\x82\x53\x63", 4);
	assert_memory_equal(pkt + 240, "\x35\x01\x08\x3c\x0c" "MS-UC-Client"
	    "\x37\x02\x2b\x78\x3d\x07\x01", 24);
	/* A request is not a reply. */
	assert_int_equal(dhcp_probe_parse(pkt, len, 0x01020304, &rp), -1);

	/* Turn it into an ACK with 43 split in two (RFC 3396). */
	pkt[0] = 2;
	memcpy(pkt + 240, "\x35\x01\x05\x2b\x02\x01\x03\x2b\x03" "abc"
	    "\x78\x02\x01\x02\xff", 17);
	assert_int_equal(dhcp_probe_parse(pkt, len, 0x01020305, &rp), -1);
	assert_int_equal(dhcp_probe_parse(pkt, len, 0x01020304, &rp), 0);
	assert_int_equal(rp.msgtype, 5);
	assert_true(rp.has43);
	assert_int_equal(rp.len43, 5);
	assert_memory_equal(rp.opt43, "\x01\x03" "abc", 5);
	assert_true(rp.has120);
	assert_int_equal(rp.len120, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hex_forms),
		cmocka_unit_test(test_golden43),
		cmocka_unit_test(test_pads_order_port),
		cmocka_unit_test(test_warnings43),
		cmocka_unit_test(test_encode_roundtrip),
		cmocka_unit_test(test_cisco180),
		cmocka_unit_test(test_option120),
		cmocka_unit_test(test_option60),
		cmocka_unit_test(test_boot_server),
		cmocka_unit_test(test_header_and_end),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_probe_packet),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
