/*
 * Configuration files are parsed by libxml2 with the network, DTD loading
 * and entity substitution off, so nothing a share holds can make us fetch
 * or expand anything.  No tree is built: a SAX2 handler copies each
 * attribute as libxml2 hands it over, and one parser context serves file
 * after file, since setting one up costs more than parsing a small file.
 * libxml2 does not record where an attribute stands, so a small scanner
 * walks the accepted bytes once more for the lines.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "cfgfile.h"
#include "strmap.h"
#include "vis.h"
#include "xalloc.h"

#define PARSE_OPTIONS	(XML_PARSE_NONET | XML_PARSE_NOERROR | \
			    XML_PARSE_NOWARNING)
/*
 * A parked context keeps the names it interned while they are few; the
 * dictionary's size limit then stays as far off as for a fresh context.
 */
#define DICT_KEEP	(64 * 1024)
/*
 * libxml2 2.9 checks an element's attributes for duplicates pairwise:
 * 320,000 take 20 s.  The corpus's fullest element has 375.
 */
#define MAX_ATTRS	10000
/* Up to this many parameters a file is searched, not indexed. */
#define SMALL_FILE	8

struct attr {
	size_t	name;			/* offsets into the pool */
	size_t	namelen;
	size_t	value;
	int	line;			/* the element's, as libxml2 has it */
};

struct parse {
	char		*msg;		/* first error, NULL if none */
	int		 line;
	int		 entities;	/* the DTD declared an entity */
	char		*root;		/* NULL until the root element */
	char		*created;	/* a "Created" comment before it */
	struct attr	*v;		/* every attribute, document order */
	size_t		 n;
	size_t		 cap;
	char		*pool;		/* their names and values */
	size_t		 used;
	size_t		 size;
};

struct attrpos {
	const char	*name;		/* into the buffer, not terminated */
	size_t		 len;
	int		 line;
};

struct scan {
	struct attrpos	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 most;		/* attributes of the fullest element */
	int		 mostline;	/* where it starts */
};

/*
 * Two threads parse at once at most (scan's read-ahead, readahead.c):
 * each finds a context and arrays parked for it.
 */
#define PARKED	2

/* The contexts between two parses; whoever takes one owns it. */
static _Atomic(xmlParserCtxtPtr) idle[PARKED];
/* The slot this thread took from last, tried first: each keeps its own. */
static _Thread_local unsigned	 home;

/*
 * The scanner's and the handler's arrays between two parses, so a small
 * file costs no allocation of its own for them; whoever sets a set's busy
 * flag owns it.  Arrays grown past SPARE_MAX (a large file) are not kept.
 */
#define SPARE_MAX	(1u << 20)

static struct spare {
	struct attrpos	*sv;
	size_t		 scap;
	struct attr	*pv;
	size_t		 pcap;
	char		*pool;
	size_t		 psize;
	atomic_flag	 busy;
} spare[PARKED] = { { .busy = ATOMIC_FLAG_INIT },
    { .busy = ATOMIC_FLAG_INIT } };

/*
 * A second thread that reads files ahead (readahead.c) allocates them
 * from an arena of its own; freed on the main thread, each would wait
 * for that arena's lock while the reader allocates.  So the main thread
 * gives them back instead, and the reader frees them in its own time.
 */
static _Thread_local int		 reading;	/* this thread is it */
static _Atomic(struct cfgfile *)	 given;		/* its, to free */
static _Atomic int			 giving;	/* it is running */

const char *
cfg_status_name(enum cfg_status st)
{
	switch (st) {
	case CFG_OK:
		return "ok";
	case CFG_MISSING:
		return "missing";
	case CFG_MALFORMED:
		return "malformed";
	case CFG_ENCRYPTED:
		return "encrypted";
	default:
		return "refused";
	}
}

/*
 * A file is one block (but for the index of a large one): the struct,
 * n parameters, their links (build_index), room for as many reg.N, the
 * parameters' strings (size bytes), then the texts given.  One free, and
 * the same for whichever thread made it (readahead.c): a free of another
 * thread's block waits for that thread's allocator, once per file.
 */
static struct cfgfile *
block(size_t n, size_t size, const char *path, const char *root,
    const char *created, size_t errsize)
{
	struct cfgfile	*cf;
	const char	*text[3] = { path, root, created };
	char		**to[3], *d;
	size_t		 len[3], total, i;

	total = sizeof(*cf) + n * (sizeof(*cf->params) + sizeof(*cf->next) +
	    sizeof(*cf->regs)) + size + errsize;
	for (i = 0; i < 3; i++)
		total += len[i] = text[i] != NULL ? strlen(text[i]) + 1 : 0;
	cf = xmalloc(total);
	memset(cf, 0, sizeof(*cf));
	cf->bytes = total;
	cf->away = reading;
	cf->params = (struct cfgparam *)(cf + 1);
	cf->next = (size_t *)(cf->params + n);
	cf->regs = (int *)(cf->next + n);
	cf->strings = (char *)(cf->regs + n);
	to[0] = &cf->path;
	to[1] = &cf->root;
	to[2] = &cf->created;
	d = cf->strings + size;
	for (i = 0; i < 3; i++)
		if (text[i] != NULL) {
			*to[i] = memcpy(d, text[i], len[i]);
			d += len[i];
		}
	/* errsize bytes at the end, for the caller to write the reason. */
	if (errsize > 0)
		cf->error = d;
	return cf;
}

/* A file that could not be parsed; the message is the reason. */
struct cfgfile *
cfgfile_failed(const char *path, enum cfg_status st, int line,
    const char *fmt, ...)
{
	struct cfgfile	*cf;
	va_list		 ap;
	int		 len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	cf = block(0, 0, path, NULL, NULL, len > 0 ? (size_t)len + 1 : 1);
	*cf->error = '\0';
	if (len > 0) {
		va_start(ap, fmt);
		vsnprintf(cf->error, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	cf->status = st;
	cf->errline = line;
	return cf;
}

void
cfgfile_free(struct cfgfile *cf)
{
	if (cf == NULL)
		return;
	strmap_free(cf->index, NULL);
	/* Only the main thread frees the reader's files (readahead.c). */
	if (!cf->away || !atomic_load_explicit(&giving, memory_order_relaxed)) {
		free(cf);
		return;
	}
	cf->given = atomic_load_explicit(&given, memory_order_relaxed);
	while (!atomic_compare_exchange_weak_explicit(&given, &cf->given, cf,
	    memory_order_release, memory_order_relaxed))
		;
}

/* The first value of attribute name, or NULL; its line through *line. */
const char *
cfgfile_get(const struct cfgfile *cf, const char *name, int *line)
{
	size_t	i = cfgfile_first(cf, name);

	if (i == CFG_NONE)
		return NULL;
	if (line != NULL)
		*line = cf->params[i].line;
	return cf->params[i].value;
}

/* Index of the first parameter called name, or CFG_NONE. */
size_t
cfgfile_first(const struct cfgfile *cf, const char *name)
{
	return cfgfile_first_hashed(cf, name, cf->index != NULL ?
	    strmap_hash(name) : 0);
}

/* cfgfile_first() with the name's strmap_hash(), for one name in many files. */
size_t
cfgfile_first_hashed(const struct cfgfile *cf, const char *name, uint32_t h)
{
	uintptr_t	k;
	size_t		i;

	if (cf->index == NULL) {
		for (i = 0; i < cf->nparams; i++)
			if (strcmp(cf->params[i].name, name) == 0)
				return i;
		return CFG_NONE;
	}
	k = (uintptr_t)strmap_get_hashed(cf->index, name, h);
	return k == 0 ? CFG_NONE : (size_t)k - 1;
}

/*
 * The distinct names in the order they first appear: the next after
 * *pos, which starts at 0; NULL after the last.
 */
const char *
cfgfile_next_name(const struct cfgfile *cf, size_t *pos)
{
	const char	*name;

	while (*pos < cf->nparams) {
		name = cf->params[(*pos)++].name;
		if (cfgfile_first(cf, name) == *pos - 1)
			return name;
	}
	return NULL;
}

/* Index of the next parameter with the same name as i, or CFG_NONE. */
size_t
cfgfile_next(const struct cfgfile *cf, size_t i)
{
	return cf->next[i];
}

static int
cmpint(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Note N for a name reg.N.<anything>. */
static void
note_reg(struct cfgfile *cf, const char *name)
{
	char	*end;
	long	 n;

	if (strncmp(name, "reg.", 4) != 0 || name[4] < '0' || name[4] > '9')
		return;
	n = strtol(name + 4, &end, 10);
	if (*end != '.' || n < 1 || n > CFG_REG_MAX)
		return;
	cf->regs[cf->nregs++] = (int)n;
}

/*
 * Link the occurrences of each name, so a look-up never scans the file,
 * and note which registrations the file configures.  A file of a few
 * parameters (a phone's line file, an override) is searched instead: a
 * hash map would cost it more to build than all its look-ups.
 */
static void
build_index(struct cfgfile *cf)
{
	size_t		*tail, i, j;
	uintptr_t	 k;

	if (cf->nparams <= SMALL_FILE) {
		for (i = 0; i < cf->nparams; i++) {
			cf->next[i] = CFG_NONE;
			for (j = i + 1; j < cf->nparams; j++)
				if (strcmp(cf->params[j].name,
				    cf->params[i].name) == 0) {
					cf->next[i] = j;
					break;
				}
			if (cfgfile_first(cf, cf->params[i].name) == i)
				note_reg(cf, cf->params[i].name);
		}
		goto regs;
	}
	cf->index = strmap_new_sized(cf->nparams);
	tail = xreallocarray(NULL, cf->nparams, sizeof(*tail));
	for (i = 0; i < cf->nparams; i++) {
		cf->next[i] = CFG_NONE;
		k = (uintptr_t)strmap_get(cf->index, cf->params[i].name);
		if (k == 0) {
			note_reg(cf, cf->params[i].name);
			strmap_put(cf->index, cf->params[i].name,
			    (void *)(uintptr_t)(i + 1));
			tail[i] = i;
		} else {
			cf->next[tail[k - 1]] = i;
			tail[k - 1] = i;
		}
	}
	free(tail);
regs:
	if (cf->nregs > 0)
		qsort(cf->regs, cf->nregs, sizeof(*cf->regs), cmpint);
	for (i = j = 0; i < cf->nregs; i++)
		if (j == 0 || cf->regs[j - 1] != cf->regs[i])
			cf->regs[j++] = cf->regs[i];
	cf->nregs = j;
}

/*
 * The kind of a libxml2 error, by code.  libxml2's own messages quote the
 * file (an entity's name, the bytes that are not UTF-8), which may hold a
 * password: a malformed file is reported by kind, line and column only.
 */
static const struct {
	int		 code;
	const char	*kind;
} xml_kinds[] = {
	{ XML_ERR_DOCUMENT_EMPTY, "document is empty" },
	{ XML_ERR_DOCUMENT_END, "extra content after the root element" },
	{ XML_ERR_INVALID_CHARREF, "invalid character reference" },
	{ XML_ERR_INVALID_CHAR, "invalid character" },
	{ XML_ERR_ENTITYREF_SEMICOL_MISSING, "entity reference without ';'" },
	{ XML_ERR_UNDECLARED_ENTITY, "undefined entity" },
	{ XML_WAR_UNDECLARED_ENTITY, "undefined entity" },
	{ XML_ERR_UNKNOWN_ENCODING, "unknown encoding" },
	{ XML_ERR_UNSUPPORTED_ENCODING, "unsupported encoding" },
	{ XML_ERR_INVALID_ENCODING, "invalid encoding" },
	{ XML_ERR_STRING_NOT_STARTED, "string not started" },
	{ XML_ERR_NS_DECL_ERROR, "bad namespace declaration" },
	{ XML_ERR_LT_IN_ATTRIBUTE, "'<' in an attribute value" },
	{ XML_ERR_ATTRIBUTE_NOT_STARTED, "attribute value not quoted" },
	{ XML_ERR_ATTRIBUTE_NOT_FINISHED, "attribute value not closed" },
	{ XML_ERR_ATTRIBUTE_WITHOUT_VALUE, "attribute without a value" },
	{ XML_ERR_ATTRIBUTE_REDEFINED, "attribute redefined" },
	{ XML_ERR_COMMENT_NOT_FINISHED, "comment not closed" },
	{ XML_ERR_PI_NOT_FINISHED, "processing instruction not closed" },
	{ XML_ERR_XMLDECL_NOT_FINISHED, "XML declaration not closed" },
	{ XML_ERR_DOCTYPE_NOT_FINISHED, "DOCTYPE not closed" },
	{ XML_ERR_EXT_SUBSET_NOT_FINISHED, "DTD not closed" },
	{ XML_ERR_MISPLACED_CDATA_END, "']]>' outside CDATA" },
	{ XML_ERR_CDATA_NOT_FINISHED, "CDATA section not closed" },
	{ XML_ERR_RESERVED_XML_NAME, "XML declaration not at the start" },
	{ XML_ERR_SPACE_REQUIRED, "space required" },
	{ XML_ERR_NAME_REQUIRED, "name required" },
	{ XML_ERR_GT_REQUIRED, "'>' required" },
	{ XML_ERR_LTSLASH_REQUIRED, "'</' required" },
	{ XML_ERR_EQUAL_REQUIRED, "'=' required" },
	{ XML_ERR_TAG_NAME_MISMATCH, "opening and ending tag mismatch" },
	{ XML_ERR_TAG_NOT_FINISHED, "element not closed" },
	{ XML_ERR_ENTITY_LOOP, "entity loop" },
	{ XML_ERR_VERSION_MISSING, "version missing in the XML declaration" },
	{ XML_ERR_NAME_TOO_LONG, "name too long" },
	{ XML_ERR_NO_MEMORY, "out of memory" },
	{ XML_NS_ERR_UNDEFINED_NAMESPACE, "undefined namespace prefix" },
};

static void
on_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr	 ctxt = data;
	struct parse		*p = ctxt->_private;
	const char		*kind = NULL;
	size_t			 i;

	if (p->msg != NULL || e->level < XML_ERR_ERROR)
		return;
	for (i = 0; i < sizeof(xml_kinds) / sizeof(xml_kinds[0]); i++)
		if (xml_kinds[i].code == e->code)
			kind = xml_kinds[i].kind;
	/* The one message that tells bad UTF-8 from another bad byte. */
	if (e->code == XML_ERR_INVALID_CHAR && e->message != NULL &&
	    strncmp(e->message, "Input is not proper UTF-8", 25) == 0)
		kind = "invalid UTF-8";
	if (kind == NULL)
		p->msg = xasprintf("XML error %d", e->code);
	else
		p->msg = xstrdup(kind);
	if (e->int2 > 0) {
		kind = p->msg;
		p->msg = xasprintf("%s, column %d", kind, e->int2);
		free((char *)kind);
	}
	p->line = e->line;
}

/* Entities are the door to XXE and billion laughs: refuse any of them. */
static void
on_entity(void *data, const xmlChar *name, int type, const xmlChar *pub,
    const xmlChar *sys, xmlChar *content)
{
	xmlParserCtxtPtr	 ctxt = data;
	struct parse		*p = ctxt->_private;

	if (!p->entities) {
		p->entities = 1;
		free(p->msg);
		p->msg = xstrdup("DTD declares an entity; entities are not "
		    "expanded");
		p->line = xmlSAX2GetLineNumber(ctxt);
	}
	xmlStopParser(ctxt);
}

/*
 * Skip what may stand before the document: a UTF-8 BOM, white space and
 * comments (a comment before the XML declaration is an error to libxml2
 * but harmless to a phone).  Returns the bytes skipped; counts newlines.
 */
static size_t
skip_prolog_junk(const char *buf, size_t len, int *lines)
{
	const char	*end;
	size_t		 i = 0, bom = 0;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = bom = 3;
	for (;;) {
		while (i < len && buf[i] != '\0' && strchr(" \t\r\n", buf[i]))
			i++;
		if (i + 4 <= len && memcmp(buf + i, "<!--", 4) == 0 &&
		    (end = memmem(buf + i + 4, len - i - 4, "-->", 3)) != NULL) {
			i = (size_t)(end - buf) + 3;
			continue;
		}
		break;
	}
	/* Only junk before a declaration troubles libxml2. */
	if (i + 5 > len || memcmp(buf + i, "<?xml", 5) != 0)
		i = bom;
	*lines = 0;
	for (end = buf; end < buf + i; end++)
		if (*end == '\n')
			(*lines)++;
	return i;
}

/* Template syntax in a file that did not parse explains the failure. */
static const char *
template_hint(const char *buf, size_t len)
{
	static const struct {
		const char	*mark;
		const char	*what;
	} marks[] = {
		{ "{{", "Jinja/Django {{...}}" },
		{ "{%", "Jinja {%...%}" },
		{ "{$", "Smarty {$...}" },
		{ "${", "${...} (Asterisk/Velocity)" },
		{ "#if", "Velocity #if" },
		{ "<%", "<%...%>" },
	};
	size_t	i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (memmem(buf, len, marks[i].mark, strlen(marks[i].mark)))
			return marks[i].what;
	return NULL;
}

/* The newlines in [p, end). */
static int
newlines(const char *p, const char *end)
{
	int	n = 0;

	for (; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		n++;
	return n;
}

/* Past the next tok, counting the lines on the way; end if there is none. */
static const char *
skip_past(const char *p, const char *end, const char *tok, int *line)
{
	const char	*hit;
	size_t		 tl = strlen(tok);

	if ((hit = memmem(p, (size_t)(end - p), tok, tl)) == NULL)
		hit = end;
	*line += newlines(p, hit);
	return hit == end ? end : hit + tl;
}

/*
 * Not white space, '=', '/', '>' or a quote: this is the hot loop, so a
 * table says it (a switch was a call per byte).
 */
static const unsigned char notname[256] = {
	['\0'] = 1, [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1,
	['='] = 1, ['/'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
};

static int
isnamechar(char c)
{
	return !notname[(unsigned char)c];
}

static void
scan_add(struct scan *sc, const char *name, size_t len, int line)
{
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? sc->cap * 2 : 64;
		sc->v = xreallocarray(sc->v, sc->cap, sizeof(*sc->v));
	}
	sc->v[sc->n].name = name;
	sc->v[sc->n].len = len;
	sc->v[sc->n].line = line;
	sc->n++;
}

/*
 * Record every attribute name and its line, in document order, and the
 * fullest element.  It runs before libxml2, on any bytes: every step moves
 * on, so it is linear; it does not validate, and on a file libxml2 then
 * refuses its lines are not used.
 */
static void
scan_attrs(const char *p, const char *end, int line, struct scan *sc)
{
	const char	*name;
	char		 q;
	int		 depth, tagline;
	size_t		 start;

	while (p < end) {
		if (*p != '<') {
			if ((name = memchr(p, '<', (size_t)(end - p))) == NULL)
				name = end;
			line += newlines(p, name);
			p = name;
			continue;
		}
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
			p = skip_past(p + 4, end, "-->", &line);
		else if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0)
			p = skip_past(p + 9, end, "]]>", &line);
		else if (end - p >= 2 && memcmp(p, "<?", 2) == 0)
			p = skip_past(p + 2, end, "?>", &line);
		else if (end - p >= 2 && (p[1] == '!' || p[1] == '/')) {
			for (depth = 0, q = 0, p++; p < end; p++) {
				if (*p == '\n')
					line++;
				if (q) {
					if (*p == q)
						q = 0;
				} else if (end - p >= 4 &&
				    memcmp(p, "<!--", 4) == 0) {
					/* A comment in the internal subset
					 * may hold a lone quote. */
					p = skip_past(p + 4, end, "-->",
					    &line) - 1;
				} else if (*p == '"' || *p == '\'')
					q = *p;
				else if (*p == '[')
					depth++;
				else if (*p == ']')
					depth--;
				else if (*p == '>' && depth <= 0)
					break;
			}
			p++;
		} else {
			for (p++; p < end && isnamechar(*p); p++)
				;
			start = sc->n;
			tagline = line;
			while (p < end && *p != '>') {
				if (*p == '\n')
					line++;
				if (!isnamechar(*p) || *p == '/') {
					p++;
					continue;
				}
				for (name = p; p < end && isnamechar(*p); p++)
					;
				if ((size_t)(p - name) < 5 ||
				    memcmp(name, "xmlns", 5) != 0 ||
				    (p - name > 5 && name[5] != ':'))
					scan_add(sc, name, p - name, line);
				while (p < end && *p != '"' && *p != '\'') {
					if (*p == '\n')
						line++;
					p++;
				}
				if (p >= end)
					break;
				q = *p++;
				if ((name = memchr(p, q, (size_t)(end - p))) ==
				    NULL)
					name = end;
				line += newlines(p, name);
				p = name + 1;
			}
			if (sc->n - start > sc->most) {
				sc->most = sc->n - start;
				sc->mostline = tagline;
			}
			p++;
		}
	}
}

/* Room for n more bytes in the pool. */
static char *
pool_reserve(struct parse *p, size_t n)
{
	if (p->size - p->used < n) {
		while (p->size - p->used < n)
			p->size = p->size ? p->size * 2 : 256;
		p->pool = xreallocarray(p->pool, p->size, 1);
	}
	return p->pool + p->used;
}

/*
 * Copy one attribute as the tree builder would see it.  A value libxml2
 * had to rewrite is NUL-terminated and holds each '&' as "&#38;", left for
 * the tree builder to decode; any other value is the bytes as they stand.
 */
static void
add_attr(struct parse *p, const xmlChar *prefix, const xmlChar *local,
    const xmlChar *value, const xmlChar *end, int line)
{
	struct attr	*a;
	const char	*v = (const char *)value;
	size_t		 pl, ll, vl = (size_t)(end - value);
	char		*d;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	a = &p->v[p->n++];
	pl = prefix != NULL ? strlen((const char *)prefix) + 1 : 0;
	ll = strlen((const char *)local);
	d = pool_reserve(p, pl + ll + vl + 2);
	if (prefix != NULL) {
		memcpy(d, prefix, pl - 1);
		d[pl - 1] = ':';
	}
	memcpy(d + pl, local, ll);
	d[pl + ll] = '\0';
	a->name = p->used;
	a->namelen = pl + ll;
	a->value = p->used + pl + ll + 1;
	a->line = line;
	d += pl + ll + 1;
	if (*end != '\0') {
		memcpy(d, v, vl);
		d += vl;
	} else
		for (; v < (const char *)end; v++) {
			*d++ = *v;
			if (*v == '&' && (const char *)end - v >= 5 &&
			    memcmp(v, "&#38;", 5) == 0)
				v += 4;
		}
	*d++ = '\0';
	p->used = (size_t)(d - p->pool);
}

/* SAX2: an element's attributes, named the way the tree builder names them. */
static void
on_start(void *data, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
    int ndefaulted, const xmlChar **attrs)
{
	xmlParserCtxtPtr	 ctxt = data;
	struct parse		*p = ctxt->_private;
	int			 i, line;

	if (p->root == NULL)
		p->root = prefix != NULL && uri == NULL ?
		    xasprintf("%s:%s", prefix, local) :
		    xstrdup((const char *)local);
	/* A tree node keeps its line in an unsigned short. */
	line = ctxt->input->line < USHRT_MAX ? ctxt->input->line : USHRT_MAX;
	/* Values the DTD defaults are not in the file. */
	nattrs -= ndefaulted;
	for (i = 0; i < nattrs; i++, attrs += 5)
		add_attr(p, attrs[1], attrs[0], attrs[3], attrs[4], line);
}

/* At exit: the parked contexts and arrays, so no allocation outlives the run. */
static void
parser_drop(void)
{
	struct spare	*sp;
	int		 i;

	for (i = 0; i < PARKED; i++) {
		xmlFreeParserCtxt(atomic_exchange(&idle[i], NULL));
		sp = &spare[i];
		if (!atomic_flag_test_and_set(&sp->busy)) {
			free(sp->sv);
			free(sp->pv);
			free(sp->pool);
			sp->sv = NULL;
			sp->pv = NULL;
			sp->pool = NULL;
			sp->scap = sp->pcap = sp->psize = 0;
		}
	}
}

/* parser_drop() at exit, once whatever may be parked exists. */
static void
drop_at_exit(void)
{
	static atomic_flag	registered = ATOMIC_FLAG_INIT;

	if (!atomic_flag_test_and_set(&registered))
		atexit(parser_drop);
}

/* Take a parked set of arrays if one is free: *kept says which, or NULL. */
static void
spare_get(struct parse *p, struct scan *sc, struct spare **kept)
{
	struct spare	*sp;
	int		 i;

	memset(p, 0, sizeof(*p));
	memset(sc, 0, sizeof(*sc));
	drop_at_exit();
	*kept = NULL;
	for (i = 0; i < PARKED && *kept == NULL; i++)
		if (!atomic_flag_test_and_set(&spare[(home + i) % PARKED].busy))
			*kept = &spare[(home + i) % PARKED];
	if ((sp = *kept) == NULL)
		return;
	sc->v = sp->sv;
	sc->cap = sp->scap;
	p->v = sp->pv;
	p->cap = sp->pcap;
	p->pool = sp->pool;
	p->size = sp->psize;
}

/* Park the arrays for the next parse, or free them. */
static void
spare_put(struct parse *p, struct scan *sc, struct spare *sp)
{
	int	keep = sp != NULL && sc->cap * sizeof(*sc->v) <= SPARE_MAX &&
		    p->cap * sizeof(*p->v) <= SPARE_MAX && p->size <= SPARE_MAX;

	if (!keep) {
		free(sc->v);
		free(p->v);
		free(p->pool);
	}
	if (sp == NULL)
		return;
	sp->sv = keep ? sc->v : NULL;
	sp->scap = keep ? sc->cap : 0;
	sp->pv = keep ? p->v : NULL;
	sp->pcap = keep ? p->cap : 0;
	sp->pool = keep ? p->pool : NULL;
	sp->psize = keep ? p->size : 0;
	atomic_flag_clear(&sp->busy);
}

/*
 * SAX2: a comment.  A phone writes "<!-- Created DATE -->" before the root
 * of the override files it uploads (provisioning.md 2.3): the date of its
 * last local change, kept as written (its day/month order is not known).
 */
static void
on_comment(void *data, const xmlChar *value)
{
	xmlParserCtxtPtr	 ctxt = data;
	struct parse		*p = ctxt->_private;
	const char		*s = (const char *)value;
	size_t			 n;

	if (p->root != NULL || p->created != NULL)
		return;
	s += strspn(s, " \t\r\n");
	if (strncmp(s, "Created ", 8) != 0)
		return;
	s += 8;
	s += strspn(s, " \t");
	n = vis_cut(s, strcspn(s, "\n"), CFG_CREATED_MAX);
	while (n > 0 && strchr(" \t\r", s[n - 1]) != NULL)
		n--;
	if (n > 0)
		p->created = xstrndup(s, n);
}

/* libxml2's messages without a context, which XML_PARSE_NOERROR misses. */
static void
no_message(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/*
 * A context with our handlers.  The other SAX2 defaults stay: which ones
 * are set steers libxml2's error messages, and with no element on the
 * node stack they add nothing but comments and PIs to the document.
 */
static xmlParserCtxtPtr
parser_get(void)
{
	static _Thread_local int	hushed;
	xmlParserCtxtPtr		ctxt;
	int				i;

	/*
	 * A UTF-16 file's bad surrogate is reported by the encoder with no
	 * context, on stderr and quoting the file's bytes; on_error has the
	 * reason.  The handler is libxml2's per thread, so each sets it.
	 */
	if (!hushed) {
		xmlSetGenericErrorFunc(NULL, no_message);
		hushed = 1;
	}

	for (i = 0; i < PARKED; i++)
		if ((ctxt = atomic_exchange(&idle[(home + i) % PARKED],
		    NULL)) != NULL) {
			home = (home + i) % PARKED;
			return ctxt;
		}
	drop_at_exit();
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		return NULL;
	ctxt->sax->startElementNs = on_start;
	ctxt->sax->comment = on_comment;
	ctxt->sax->serror = on_error;
	ctxt->sax->entityDecl = on_entity;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	return ctxt;
}

/* Park the context for the next file, unless every slot is taken. */
static void
parser_put(xmlParserCtxtPtr ctxt)
{
	xmlParserCtxtPtr	none;
	int			i;

	xmlCtxtReset(ctxt);
	ctxt->_private = NULL;
	if (xmlDictGetUsage(ctxt->dict) <= DICT_KEEP)
		for (i = 0; i < PARKED; i++) {
			none = NULL;
			if (atomic_compare_exchange_strong(
			    &idle[(home + i) % PARKED], &none, ctxt))
				return;
		}
	xmlFreeParserCtxt(ctxt);
}

/*
 * Keep the attributes, pre-order.  The k-th attribute here is the k-th
 * the scanner saw; when the names disagree (an encoding the scanner cannot
 * read) the element's own line is used instead.
 */
static void
collect(struct cfgfile *cf, struct parse *p, const struct scan *sc,
    int lineoff)
{
	const struct attr	*a;
	struct cfgparam		*cp;
	size_t			 i, k = 0;
	int			 line;

	if (p->used > 0)
		memcpy(cf->strings, p->pool, p->used);
	for (i = 0; i < p->n; i++) {
		a = &p->v[i];
		line = a->line + lineoff;
		if (k < sc->n && a->namelen == sc->v[k].len && memcmp(
		    cf->strings + a->name, sc->v[k].name, a->namelen) == 0)
			line = sc->v[k++].line;
		else
			k = sc->n;
		if (strncmp(cf->strings + a->name, "xsi:", 4) == 0) {
			cf->nsxattrs++;
			continue;
		}
		cp = &cf->params[cf->nparams++];
		cp->name = cf->strings + a->name;
		cp->value = cf->strings + a->value;
		cp->line = line;
	}
}

/*
 * A UTF-8 copy of a UTF-16 document (by its BOM or its first '<'), or
 * NULL if it is not UTF-16.  Unpaired surrogates become U+FFFD; lines
 * stay where they were.
 */
static char *
utf16_to_utf8(const char *buf, size_t len, size_t *outlen)
{
	const unsigned char	*p = (const unsigned char *)buf;
	unsigned int		 c, d;
	size_t			 i = 0, o = 0;
	char			*out;
	int			 be;

	if (len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
	    (p[0] == 0xfe && p[1] == 0xff))) {
		be = p[0] == 0xfe;
		i = 2;
	} else if (len >= 2 && p[0] == '<' && p[1] == 0)
		be = 0;
	else if (len >= 2 && p[0] == 0 && p[1] == '<')
		be = 1;
	else
		return NULL;
	out = xmalloc(len / 2 * 3 + 4);
	for (; i + 1 < len; i += 2) {
		c = be ? (unsigned)p[i] << 8 | p[i + 1] :
		    (unsigned)p[i + 1] << 8 | p[i];
		if (c >= 0xd800 && c <= 0xdbff && i + 3 < len) {
			d = be ? (unsigned)p[i + 2] << 8 | p[i + 3] :
			    (unsigned)p[i + 3] << 8 | p[i + 2];
			if (d >= 0xdc00 && d <= 0xdfff) {
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (d - 0xdc00);
				i += 2;
			}
		}
		if (c >= 0xd800 && c <= 0xdfff)
			c = 0xfffd;
		if (c < 0x80)
			out[o++] = (char)c;
		else if (c < 0x800) {
			out[o++] = (char)(0xc0 | c >> 6);
			out[o++] = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			out[o++] = (char)(0xe0 | c >> 12);
			out[o++] = (char)(0x80 | (c >> 6 & 0x3f));
			out[o++] = (char)(0x80 | (c & 0x3f));
		} else {
			out[o++] = (char)(0xf0 | c >> 18);
			out[o++] = (char)(0x80 | (c >> 12 & 0x3f));
			out[o++] = (char)(0x80 | (c >> 6 & 0x3f));
			out[o++] = (char)(0x80 | (c & 0x3f));
		}
	}
	*outlen = o;
	return out;
}

/* Before a second thread parses: libxml2 sets up its locks once. */
void
cfgfile_threads(void)
{
	xmlInitParser();
	atomic_store(&giving, 1);
}

/* On the reading thread, first: the files it makes are given back. */
void
cfgfile_reading(void)
{
	reading = 1;
}

/* On the reading thread: free what the main thread gave back. */
void
cfgfile_reclaim(void)
{
	struct cfgfile	*cf, *next;

	if (atomic_load_explicit(&given, memory_order_relaxed) == NULL)
		return;
	for (cf = atomic_exchange(&given, NULL); cf != NULL; cf = next) {
		next = cf->given;
		free(cf);
	}
}

/* Once the reading thread has ended: files are freed where they are. */
void
cfgfile_threads_end(void)
{
	atomic_store(&giving, 0);
	cfgfile_reclaim();
}

/*
 * Parse buf (len bytes, which may hold NULs) as the file at path.  Never
 * returns NULL; a file that is not usable has status CFG_MALFORMED, an
 * encrypted one CFG_ENCRYPTED.
 */
struct cfgfile *
cfgfile_parse(const char *path, const char *buf, size_t len)
{
	xmlParserCtxtPtr	 ctxt;
	struct parse		 p;
	struct scan		 sc;
	struct cfgfile		*cf;
	const char		*hint;
	char			*u8;
	size_t			 skip, u8len;
	struct spare		*kept;
	int			 lines, wellformed;

	/*
	 * An encrypted file (diagnosis.md section 4) is known only by its
	 * first line; what follows it is ciphertext, never parsed or shown.
	 */
	skip = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	if (len - skip >= 7 && memcmp(buf + skip, "Digest=", 7) == 0)
		return cfgfile_failed(path, CFG_ENCRYPTED, 0, "a Digest= "
		    "header: its values are not audited");
	skip = skip_prolog_junk(buf, len, &lines);
	if (len - skip > INT_MAX)
		return cfgfile_failed(path, CFG_MALFORMED, 0, "file too large");
	if (len == skip)
		return cfgfile_failed(path, CFG_MALFORMED, 0, "empty file: no "
		    "root element");
	spare_get(&p, &sc, &kept);
	/* UTF-16 is read as UTF-8, for the scanner only. */
	if ((u8 = utf16_to_utf8(buf + skip, len - skip, &u8len)) != NULL)
		scan_attrs(u8, u8 + u8len, 1 + lines, &sc);
	else
		scan_attrs(buf + skip, buf + len, 1 + lines, &sc);
	if (sc.most > MAX_ATTRS) {
		cf = cfgfile_failed(path, CFG_MALFORMED, sc.mostline, "an "
		    "element with %zu attributes, more than the %d polyaudit "
		    "parses (libxml2 checks them pairwise, in quadratic time)",
		    sc.most, MAX_ATTRS);
		spare_put(&p, &sc, kept);
		free(u8);
		return cf;
	}
	if ((ctxt = parser_get()) == NULL) {
		spare_put(&p, &sc, kept);
		free(u8);
		return cfgfile_failed(path, CFG_MALFORMED, 0,
		    "cannot create XML parser");
	}
	ctxt->_private = &p;
	xmlFreeDoc(xmlCtxtReadMemory(ctxt, buf + skip, (int)(len - skip),
	    NULL, NULL, PARSE_OPTIONS));
	wellformed = ctxt->wellFormed && !p.entities;
	parser_put(ctxt);

	if (!wellformed || p.root == NULL) {
		hint = template_hint(buf, len);
		cf = cfgfile_failed(path, CFG_MALFORMED,
		    p.line > 0 ? p.line + lines : 0, "%s%s%s%s",
		    p.msg ? p.msg : "no root element",
		    hint ? " (looks like an unrendered template: " : "",
		    hint ? hint : "", hint ? ")" : "");
		free(p.msg);
		free(p.root);
		free(p.created);
		spare_put(&p, &sc, kept);
		free(u8);
		return cf;
	}
	free(p.msg);

	cf = block(p.n, p.used, path, p.root, p.created, 0);
	free(p.root);
	free(p.created);
	cf->status = CFG_OK;
	collect(cf, &p, &sc, lines);
	build_index(cf);
	spare_put(&p, &sc, kept);
	free(u8);
	return cf;
}
