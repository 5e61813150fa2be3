/*
 * libFuzzer: the input is the CONFIG_FILES attribute of a master in a
 * small temporary share (a few real files, a subdirectory, an override),
 * resolved and merged as for a phone.  The master is rewritten per input.
 */
#include <sys/stat.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "merge.h"
#include "resolve.h"
#include "share.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	*dir;
static char	*master;

static void
put(const char *name, const char *text)
{
	char	 path[4096];
	FILE	*fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) == NULL)
		abort();
	fputs(text, fp);
	fclose(fp);
}

static void
setup(void)
{
	char	 tmpl[] = "/tmp/fuzz-configlist.XXXXXX", path[4096];

	if ((dir = mkdtemp(tmpl)) == NULL)
		abort();
	dir = strdup(dir);
	snprintf(path, sizeof(path), "%s/sub", dir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/overrides", dir);
	mkdir(path, 0755);
	put("a.cfg", "<x reg.1.auth.usePinCredentials=\"1\" device.set=\"1\"/>");
	put("B.CFG", "<x reg.1.auth.password=\"s\" reg.2.address=\"b\"/>");
	put("sub/c.cfg", "<x device.baseProfile=\"Lync\" device.baseProfile.set=\"1\"/>");
	put("overrides/0004f2000001-web.cfg", "<x reg.1.label=\"w\"/>");
	put("bad.cfg", "<x a=\"1\"");
	snprintf(path, sizeof(path), "%s/000000000000.cfg", dir);
	master = strdup(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const models[] = { NULL, "VVX411" };
	struct share		*sh;
	struct resolution	 r;
	struct merged		*m;
	struct findings		 fs;
	FILE			*fp;
	char			*cause = NULL;
	size_t			 i;

	if (dir == NULL)
		setup();
	if ((fp = fopen(master, "w")) == NULL)
		abort();
	fputs("<APPLICATION OVERRIDES_DIRECTORY=\"overrides\" CONFIG_FILES=\"", fp);
	for (i = 0; i < size; i++) {
		switch (data[i]) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\0': fputs("&#x20;", fp); break;
		default: fputc(data[i], fp);
		}
	}
	fputs("\"/>\n", fp);
	fclose(fp);

	for (i = 0; i < 2; i++) {
		if ((sh = share_open(dir, &cause)) == NULL) {
			free(cause);
			return 0;
		}
		resolve_phone(sh, "0004f2000001", models[i], NULL, &r);
		m = merge_new(&r);
		memset(&fs, 0, sizeof(fs));
		merge_check(m, &fs);
		findings_free(&fs);
		merge_free(m);
		resolution_free(&r);
		share_free(sh);
	}
	return 0;
}
