/*
 * libFuzzer: a server's directory listing, as an FTP NLST answer and as
 * an HTTP index page, through share_url_names().  The names that come
 * out must be ones a share path can be made of: checked here, so a
 * violation is a finding too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "share_int.h"
#include "xalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(int nlst, const uint8_t *data, size_t size)
{
	char	*buf, **names = NULL;
	size_t	 n = 0, i;

	buf = xmalloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	share_url_names(nlst, buf, &names, &n);
	for (i = 0; i < n; i++) {
		if (names[i][0] == '\0' || strchr(names[i], '/') != NULL ||
		    strcmp(names[i], ".") == 0 || strcmp(names[i], "..") == 0)
			abort();
		if (i > 0 && strcmp(names[i - 1], names[i]) >= 0)
			abort();
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(1, data, size);
	check(0, data, size);
	return 0;
}
