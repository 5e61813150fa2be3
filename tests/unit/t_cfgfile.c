/*
 * cfgfile_parse(): every attribute with its own line, and every way a
 * share's file can be hostile or broken ending as CFG_MALFORMED.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cfgfile.h"
#include "xalloc.h"

static struct cfgfile *
parse(const char *text)
{
	return cfgfile_parse("t.cfg", text, strlen(text));
}

/* Assert parameter i is name="value" on line. */
static void
param_is(const struct cfgfile *cf, size_t i, const char *name,
    const char *value, int line)
{
	assert_true(i < cf->nparams);
	assert_string_equal(cf->params[i].name, name);
	assert_string_equal(cf->params[i].value, value);
	assert_int_equal(cf->params[i].line, line);
}

static void
ok_or_fail(const struct cfgfile *cf)
{
	if (cf->status != CFG_OK)
		fail_msg("status %s: %s (line %d)", cfg_status_name(cf->status),
		    cf->error, cf->errline);
	assert_null(cf->error);
}

static void
malformed(const struct cfgfile *cf)
{
	assert_int_equal(cf->status, CFG_MALFORMED);
	assert_non_null(cf->error);
	assert_int_equal(cf->nparams, 0);
	assert_null(cf->root);
}

static void
test_plain(void **state)
{
	struct cfgfile	*cf;
	int		 line = 0;

	(void)state;
	cf = parse("<?xml version=\"1.0\"?>\n"
	    "<polycomConfig>\n"
	    "  <reg reg.1.address=\"1001\" reg.1.label=\"A\"/>\n"
	    "  <x><y reg.2.address=\"2002\"/></x>\n"
	    "  <reg reg.1.address=\"9999\"/>\n"
	    "</polycomConfig>\n");
	ok_or_fail(cf);
	assert_string_equal(cf->path, "t.cfg");
	assert_string_equal(cf->root, "polycomConfig");
	assert_int_equal(cf->nparams, 4);
	param_is(cf, 0, "reg.1.address", "1001", 3);
	param_is(cf, 1, "reg.1.label", "A", 3);
	param_is(cf, 2, "reg.2.address", "2002", 4);
	param_is(cf, 3, "reg.1.address", "9999", 5);
	/* The first occurrence is the one cfgfile_get() sees. */
	assert_string_equal(cfgfile_get(cf, "reg.1.address", &line), "1001");
	assert_int_equal(line, 3);
	assert_int_equal(cfgfile_first(cf, "reg.1.address"), 0);
	assert_int_equal(cfgfile_next(cf, 0), 3);
	assert_int_equal(cfgfile_next(cf, 3), CFG_NONE);
	assert_int_equal(cfgfile_first(cf, "nope"), CFG_NONE);
	assert_null(cfgfile_get(cf, "nope", NULL));
	assert_int_equal(cf->nregs, 2);
	assert_int_equal(cf->regs[0], 1);
	assert_int_equal(cf->regs[1], 2);
	cfgfile_free(cf);
}

static void
test_bom(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<c\n a=\"1\"/>\n");
	ok_or_fail(cf);
	assert_int_equal(cf->nparams, 1);
	param_is(cf, 0, "a", "1", 3);
	cfgfile_free(cf);
}

static void
test_crlf(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<?xml version=\"1.0\"?>\r\n<c>\r\n<p a=\"x\"\r\n"
	    "  b=\"y\"/>\r\n</c>\r\n");
	ok_or_fail(cf);
	assert_int_equal(cf->nparams, 2);
	param_is(cf, 0, "a", "x", 3);
	param_is(cf, 1, "b", "y", 4);
	cfgfile_free(cf);
}

/* libxml2 rejects it; a phone does not, and the lines must still count. */
static void
test_comment_before_decl(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<!-- generated\n by a tool -->\n"
	    "<?xml version=\"1.0\"?>\n"
	    "<c>\n"
	    "<p a=\"1\"\n"
	    "   b=\"2\"/>\n"
	    "</c>\n");
	ok_or_fail(cf);
	assert_int_equal(cf->nparams, 2);
	param_is(cf, 0, "a", "1", 5);
	param_is(cf, 1, "b", "2", 6);
	cfgfile_free(cf);

	/* And an error after such a prolog is reported on its own line. */
	cf = parse("\xef\xbb\xbf<!-- one -->\n<!-- two -->\n"
	    "<?xml version=\"1.0\"?>\n<c>\n<p a=\"1\">\n</c>\n");
	malformed(cf);
	assert_int_equal(cf->errline, 6);
	cfgfile_free(cf);
}

/* A Created date cut at its limit is cut before a character, never
 * inside it; what follows a newline is not part of it. */
static void
test_created_cut(void **state)
{
	char		 text[200], want[CFG_CREATED_MAX + 1];
	struct cfgfile	*cf;

	(void)state;
	memset(want, 'A', CFG_CREATED_MAX - 1);
	want[CFG_CREATED_MAX - 1] = '\0';
	snprintf(text, sizeof(text), "<!-- Created %s\xc3\xa9 -->\n<c a=\"1\"/>",
	    want);
	cf = parse(text);
	ok_or_fail(cf);
	assert_string_equal(cf->created, want);
	cfgfile_free(cf);
	cf = parse("<!-- Created 06-05-2014 22:29\r\nnext -->\n<c a=\"1\"/>");
	assert_string_equal(cf->created, "06-05-2014 22:29");
	cfgfile_free(cf);
}

static void
test_attr_per_line(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<?xml version=\"1.0\"?>\n"
	    "<polycomConfig>\n"
	    "  <reg\n"
	    "    reg.1.address=\"1001\"\n"
	    "    reg.1.label=\"multi\n"
	    "line\"\n"
	    "    reg.1.auth.userId='u'\n"
	    "  />\n"
	    "  <z q=\"last\"/>\n"
	    "</polycomConfig>\n");
	ok_or_fail(cf);
	assert_int_equal(cf->nparams, 4);
	param_is(cf, 0, "reg.1.address", "1001", 4);
	/* A literal newline in a value is normalised to a space. */
	param_is(cf, 1, "reg.1.label", "multi line", 5);
	param_is(cf, 2, "reg.1.auth.userId", "u", 7);
	param_is(cf, 3, "q", "last", 9);
	cfgfile_free(cf);
}

/* A DTD without entities is allowed; its quirks must not shift lines. */
static void
test_doctype_lines(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE c [\n"
	    "<!ELEMENT c ANY>\n"
	    "<!-- don't -->\n"
	    "<!ATTLIST c a CDATA #IMPLIED>\n"
	    "]>\n"
	    "<c\n"
	    " a=\"1\"\n"
	    " b=\"x>y\"\n"
	    " c='\"'/>\n");
	ok_or_fail(cf);
	assert_int_equal(cf->nparams, 3);
	param_is(cf, 0, "a", "1", 8);
	param_is(cf, 1, "b", "x>y", 9);
	param_is(cf, 2, "c", "\"", 10);
	cfgfile_free(cf);

	/* Markup-like text in comments, PIs and CDATA is not markup. */
	cf = parse("<c>\n<!-- <p z=\"9\"\n> -->\n<p\n a=\"1\"/>\n"
	    "<?pi x=\"y\"\n?>\n<![CDATA[ <p z=\"1\"\n> ]]>\n<q\n b=\"2\"/></c>");
	ok_or_fail(cf);
	assert_int_equal(cf->nparams, 2);
	param_is(cf, 0, "a", "1", 5);
	param_is(cf, 1, "b", "2", 11);
	cfgfile_free(cf);
}

static void
test_xsi_xmlns_skipped(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<?xml version=\"1.0\"?>\n"
	    "<c xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
	    "   xsi:noNamespaceSchemaLocation=\"polycomConfig.xsd\"\n"
	    "   xmlns=\"urn:x\"\n"
	    "   a=\"1\">\n"
	    "<p xsi:type=\"t\" b=\"2\"/>\n"
	    "</c>\n");
	ok_or_fail(cf);
	assert_int_equal(cf->nsxattrs, 2);
	assert_int_equal(cf->nparams, 2);
	param_is(cf, 0, "a", "1", 5);
	param_is(cf, 1, "b", "2", 6);
	cfgfile_free(cf);
}

static int
mentions(const struct cfgfile *cf, const char *what)
{
	return cf->error != NULL && strstr(cf->error, what) != NULL;
}

static void
test_xxe(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE c [\n"
	    "  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
	    "]>\n"
	    "<c a=\"&xxe;\"><p b=\"&xxe;\"/></c>\n");
	malformed(cf);
	assert_true(mentions(cf, "entity"));
	/* The entity's name is file bytes: never quoted. */
	assert_false(mentions(cf, "xxe"));
	assert_null(strstr(cf->error, "root:"));
	assert_int_equal(cf->errline, 3);
	cfgfile_free(cf);

	/* An external parameter entity is refused the same way. */
	cf = parse("<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE c [ <!ENTITY % p SYSTEM \"http://127.0.0.1:9/x\"> %p; ]>\n"
	    "<c a=\"1\"/>\n");
	malformed(cf);
	assert_true(mentions(cf, "entity"));
	cfgfile_free(cf);
}

/*
 * A malformed file is named by kind, line and column: libxml2's own
 * messages quote bytes of the file (which may be a password).
 */
static void
test_error_kinds(void **state)
{
	static const struct {
		const char	*xml;
		const char	*kind;
		int		 line;
	} cases[] = {
		{ "<x a=\"&SeCrEt1;\"/>", "undefined entity, column 16", 1 },
		{ "<x a=\"\xe4SeCrEt2\"/>", "invalid UTF-8, column 7", 1 },
		{ "<x\n SeCrEt3=\"1\" SeCrEt3=\"2\"/>",
		    "attribute redefined, column 25", 2 },
		{ "<x></SeCrEt4>", "opening and ending tag mismatch", 1 },
		{ "<x a=SeCrEt5/>", "attribute value not quoted", 1 },
		{ "<x a=\"<SeCrEt6\"/>", "'<' in an attribute value", 1 },
		{ "<x a=\"1\"/>\n<SeCrEt7/>",
		    "extra content after the root element", 2 },
		{ "<x a=\"&#1;SeCrEt8\"/>", "invalid character, column 11", 1 },
	};
	struct cfgfile	*cf;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cf = parse(cases[i].xml);
		malformed(cf);
		if (!mentions(cf, cases[i].kind) || mentions(cf, "SeCrEt") ||
		    mentions(cf, "0x"))
			fail_msg("%s: error \"%s\"", cases[i].kind, cf->error);
		assert_int_equal(cf->errline, cases[i].line);
		cfgfile_free(cf);
	}
}

/* More attributes on one element than libxml2 checks in fair time. */
static void
test_attribute_cap(void **state)
{
	struct cfgfile	*cf;
	char		*buf, *p;
	int		 i;

	(void)state;
	p = buf = malloc(10001 * 16 + 16);
	assert_non_null(buf);
	p += sprintf(p, "<x\n");
	for (i = 0; i < 10001; i++)
		p += sprintf(p, " a%d=\"1\"", i);
	sprintf(p, "/>\n");
	cf = parse(buf);
	malformed(cf);
	assert_true(mentions(cf, "an element with 10001 attributes, more "
	    "than the 10000"));
	assert_int_equal(cf->errline, 1);
	cfgfile_free(cf);
	/* 10,000 are parsed. */
	p = strstr(buf, " a10000=");
	strcpy(p, "/>\n");
	cf = parse(buf);
	assert_int_equal(cf->status, CFG_OK);
	assert_int_equal(cf->nparams, 10000);
	cfgfile_free(cf);
	free(buf);
}

/* UTF-16 files: each attribute on its own line, as in UTF-8. */
static void
test_utf16_lines(void **state)
{
	static const char	 text[] = "<?xml version=\"1.0\" "
	    "encoding=\"UTF-16\"?>\n<x\n a.b=\"1\"\n c.d=\"\xc3\xa9\"/>\n";
	struct cfgfile		*cf;
	char			 buf[256];
	size_t			 i, n = 0;
	int			 be;

	(void)state;
	for (be = 0; be < 2; be++) {
		n = 0;
		buf[n++] = be ? (char)0xfe : (char)0xff;
		buf[n++] = be ? (char)0xff : (char)0xfe;
		for (i = 0; text[i] != '\0'; i++) {
			/* The one non-ASCII character: U+00E9. */
			unsigned int c = (unsigned char)text[i];

			if (c == 0xc3) {
				c = 0xe9;
				i++;
			}
			buf[n++] = be ? 0 : (char)c;
			buf[n++] = be ? (char)c : 0;
		}
		cf = cfgfile_parse("t.cfg", buf, n);
		assert_int_equal(cf->status, CFG_OK);
		param_is(cf, 0, "a.b", "1", 3);
		param_is(cf, 1, "c.d", "\xc3\xa9", 4);
		cfgfile_free(cf);
	}
}

static void
test_billion_laughs(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE lolz [\n"
	    " <!ENTITY lol \"lol\">\n"
	    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
	    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
	    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
	    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
	    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
	    "]>\n"
	    "<lolz a=\"&lol9;\"/>\n");
	malformed(cf);
	assert_true(mentions(cf, "DTD declares an entity"));
	assert_false(mentions(cf, "lol"));
	assert_int_equal(cf->errline, 3);
	cfgfile_free(cf);
}

static void
test_deep_nesting(void **state)
{
	struct cfgfile	*cf;
	char		*buf, *p;
	int		 i, depth = 300;

	(void)state;
	buf = xmalloc((size_t)depth * 16 + 64);
	p = buf + sprintf(buf, "<?xml version=\"1.0\"?>\n");
	for (i = 0; i < depth; i++)
		p += sprintf(p, "<e a=\"1\">");
	for (i = 0; i < depth; i++)
		p += sprintf(p, "</e>");
	cf = cfgfile_parse("deep.cfg", buf, (size_t)(p - buf));
	malformed(cf);
	cfgfile_free(cf);

	/* The same shape, shallow enough, is fine: depth is the reason. */
	depth = 100;
	p = buf + sprintf(buf, "<?xml version=\"1.0\"?>\n");
	for (i = 0; i < depth; i++)
		p += sprintf(p, "<e a=\"1\">");
	for (i = 0; i < depth; i++)
		p += sprintf(p, "</e>");
	cf = cfgfile_parse("deep.cfg", buf, (size_t)(p - buf));
	ok_or_fail(cf);
	assert_int_equal(cf->nparams, depth);
	cfgfile_free(cf);
	free(buf);
}

static void
test_nul_bytes(void **state)
{
	static const char	 text[] = "<?xml version=\"1.0\"?>\n"
	    "<c a=\"1\">\0<p b=\"2\"/></c>\n";
	struct cfgfile		*cf;

	(void)state;
	cf = cfgfile_parse("nul.cfg", text, sizeof(text) - 1);
	malformed(cf);
	assert_int_equal(cf->errline, 2);
	cfgfile_free(cf);

	/* A NUL inside a value is not silently cut there either. */
	cf = cfgfile_parse("nul.cfg", "<c a=\"x\0y\"/>", 12);
	malformed(cf);
	cfgfile_free(cf);
}

static void
test_invalid_utf8(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<c>\n<p a=\"caf\xe9 bar\"/>\n</c>\n");
	malformed(cf);
	assert_int_equal(cf->errline, 3);
	cfgfile_free(cf);
}

static void
test_latin1(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<?xml version='1.0' encoding='ISO-8859-1'?>\n"
	    "<c>\n<p a=\"caf\xe9\"\n b=\"x\"/>\n</c>\n");
	ok_or_fail(cf);
	assert_int_equal(cf->nparams, 2);
	param_is(cf, 0, "a", "caf\xc3\xa9", 3);
	param_is(cf, 1, "b", "x", 4);
	cfgfile_free(cf);
}

static void
test_duplicate_attribute(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<?xml version=\"1.0\"?>\n<c>\n<p a=\"1\"/>\n"
	    "<q b=\"1\" b=\"2\"/>\n</c>\n");
	malformed(cf);
	assert_int_equal(cf->errline, 4);
	assert_true(mentions(cf, "b"));
	cfgfile_free(cf);
}

static void
test_template(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<?xml version=\"1.0\"?>\n<c>\n"
	    "{if $reg1}<p reg.1.address=\"{$reg1}\"/>{/if}\n"
	    "<p x=\"1\"></c>\n");
	malformed(cf);
	assert_true(mentions(cf, "template"));
	assert_true(mentions(cf, "Smarty"));
	cfgfile_free(cf);

	cf = parse("<?xml version=\"1.0\"?>\n<c>\n"
	    "{% for r in regs %}<p a=\"{{ r }}\">{% endfor %}\n</c>\n");
	malformed(cf);
	assert_true(mentions(cf, "template"));
	assert_true(mentions(cf, "Jinja"));
	cfgfile_free(cf);

	/* Without template syntax, no such hint. */
	cf = parse("<c><p></c>");
	malformed(cf);
	assert_false(mentions(cf, "template"));
	cfgfile_free(cf);
}

static void
test_empty_value(void **state)
{
	struct cfgfile	*cf;
	int		 line = 0;

	(void)state;
	cf = parse("<c a=\"\" b=''/>");
	ok_or_fail(cf);
	assert_int_equal(cf->nparams, 2);
	param_is(cf, 0, "a", "", 1);
	param_is(cf, 1, "b", "", 1);
	assert_non_null(cfgfile_get(cf, "a", &line));
	assert_string_equal(cfgfile_get(cf, "a", &line), "");
	cfgfile_free(cf);
}

static void
test_entity_refs(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<?xml version=\"1.0\"?>\n"
	    "<c a=\"x&amp;y\" b=\"1&#10;2\" c=\"&lt;&gt;&quot;&apos;&#x41;\"/>\n");
	ok_or_fail(cf);
	assert_int_equal(cf->nparams, 3);
	param_is(cf, 0, "a", "x&y", 2);
	/* A character reference survives attribute-value normalisation. */
	param_is(cf, 1, "b", "1\n2", 2);
	param_is(cf, 2, "c", "<>\"'A", 2);
	cfgfile_free(cf);
}

static void
test_not_wellformed(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<?xml version=\"1.0\"?>\n<c>\n<p a=\"1\">\n\n</c>\n");
	malformed(cf);
	assert_int_equal(cf->errline, 5);
	assert_string_equal(cf->path, "t.cfg");
	cfgfile_free(cf);

	cf = parse("");
	malformed(cf);
	cfgfile_free(cf);

	cf = parse("just text, no XML\n");
	malformed(cf);
	cfgfile_free(cf);
}

/* reg.N with N out of range or not a number is no registration. */
static void
test_regs(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = parse("<c reg.3.a=\"1\" reg.12.b=\"1\" reg.3.c=\"1\" "
	    "reg.0.a=\"1\" reg.10000.a=\"1\" reg.x.a=\"1\" reg.4=\"1\" "
	    "reg.9999.a=\"1\" Reg.5.a=\"1\"/>");
	ok_or_fail(cf);
	assert_int_equal(cf->nregs, 3);
	assert_int_equal(cf->regs[0], 3);
	assert_int_equal(cf->regs[1], 12);
	assert_int_equal(cf->regs[2], 9999);
	cfgfile_free(cf);
}

static void
test_failed(void **state)
{
	struct cfgfile	*cf;

	(void)state;
	cf = cfgfile_failed("x/y.cfg", CFG_REFUSED, 7, "because %d", 42);
	assert_string_equal(cf->path, "x/y.cfg");
	assert_int_equal(cf->status, CFG_REFUSED);
	assert_int_equal(cf->errline, 7);
	assert_string_equal(cf->error, "because 42");
	assert_int_equal(cf->nparams, 0);
	assert_int_equal(cfgfile_first(cf, "a"), CFG_NONE);
	cfgfile_free(cf);
	cfgfile_free(NULL);
	assert_string_equal(cfg_status_name(CFG_OK), "ok");
	assert_string_equal(cfg_status_name(CFG_MISSING), "missing");
	assert_string_equal(cfg_status_name(CFG_MALFORMED), "malformed");
	assert_string_equal(cfg_status_name(CFG_REFUSED), "refused");
	assert_string_equal(cfg_status_name(CFG_ENCRYPTED), "encrypted");
}

/* A Digest= first line is encrypted, never malformed; its bytes stay out. */
static void
test_encrypted(void **state)
{
	static const char enc[] = "Digest=3f2a9c0d41e5;SECRETBYTES\n\x01\xfe<x/>";
	static const char bom[] = "\xef\xbb\xbf" "Digest=ab\r\n\x80\x81";
	struct cfgfile	*cf;

	(void)state;
	cf = cfgfile_parse("sip.cfg", enc, sizeof(enc) - 1);
	assert_int_equal(cf->status, CFG_ENCRYPTED);
	assert_int_equal(cf->nparams, 0);
	assert_null(cf->root);
	assert_null(strstr(cf->error, "3f2a"));
	assert_null(strstr(cf->error, "SECRET"));
	cfgfile_free(cf);
	cf = cfgfile_parse("sip.enc", bom, sizeof(bom) - 1);
	assert_int_equal(cf->status, CFG_ENCRYPTED);
	cfgfile_free(cf);
	/* Only the first line counts, and only at its start. */
	cf = parse("<!-- Digest=1 -->\n<a b=\"1\"/>");
	ok_or_fail(cf);
	cfgfile_free(cf);
	cf = parse("\nDigest=1\n");
	malformed(cf);
	cfgfile_free(cf);
	cf = parse("digest=1\n");
	malformed(cf);
	cfgfile_free(cf);
	cf = parse("Digest");
	malformed(cf);
	cfgfile_free(cf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_comment_before_decl),
		cmocka_unit_test(test_created_cut),
		cmocka_unit_test(test_attr_per_line),
		cmocka_unit_test(test_doctype_lines),
		cmocka_unit_test(test_xsi_xmlns_skipped),
		cmocka_unit_test(test_xxe),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_latin1),
		cmocka_unit_test(test_duplicate_attribute),
		cmocka_unit_test(test_template),
		cmocka_unit_test(test_empty_value),
		cmocka_unit_test(test_entity_refs),
		cmocka_unit_test(test_error_kinds),
		cmocka_unit_test(test_attribute_cap),
		cmocka_unit_test(test_utf16_lines),
		cmocka_unit_test(test_not_wellformed),
		cmocka_unit_test(test_regs),
		cmocka_unit_test(test_failed),
		cmocka_unit_test(test_encrypted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
