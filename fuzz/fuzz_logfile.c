/* libFuzzer: one uploaded phone log through logfile_read. */
#include <stddef.h>
#include <stdint.h>

#include "logfile.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct logsum	ls;
	size_t		i;

	logfile_read((const char *)data, size, 1764547200, &ls);
	/* Every kept line lies inside the input. */
	for (i = 0; i < ls.nhits; i++) {
		if (ls.hits[i].text < (const char *)data ||
		    ls.hits[i].text + ls.hits[i].len > (const char *)data + size)
			__builtin_trap();
	}
	return 0;
}
