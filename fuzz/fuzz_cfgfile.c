/*
 * libFuzzer: one configuration file through cfgfile_parse, then the
 * lookups and a precedence merge over a chain of that one file.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfgfile.h"
#include "merge.h"
#include "resolve.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cfgfile		*cf;
	struct resolution	 r;
	struct chainfile	 cfile;
	struct merged		*m;
	struct findings		 fs;
	const char *const	*names;
	size_t			 i, n;
	int			 line;

	cf = cfgfile_parse("fuzz.cfg", (const char *)data, size);
	if (cf->status == CFG_OK) {
		for (i = 0; i < cf->nparams; i++) {
			(void)cfgfile_get(cf, cf->params[i].name, &line);
			(void)cfgfile_next(cf, i);
		}
		memset(&r, 0, sizeof(r));
		memcpy(r.mac, "0004f2000001", MAC_LEN + 1);
		memset(&cfile, 0, sizeof(cfile));
		cfile.path = cf->path;
		cfile.role = ROLE_CONFIG;
		cfile.status = CFG_OK;
		cfile.cf = cf;
		r.files = &cfile;
		r.nfiles = 1;
		m = merge_new(&r);
		n = merge_names(m, &names);
		for (i = 0; i < n; i++)
			(void)merge_get(m, names[i]);
		memset(&fs, 0, sizeof(fs));
		merge_check(m, &fs);
		findings_free(&fs);
		merge_free(m);
		findings_free(&r.findings);
	}
	cfgfile_free(cf);
	return 0;
}
