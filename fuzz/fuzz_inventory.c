/* libFuzzer: one inventory file through inventory_parse. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "inventory.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct inventory	inv;
	struct findings		fs;

	memset(&inv, 0, sizeof(inv));
	memset(&fs, 0, sizeof(fs));
	inventory_parse((const char *)data, size, "fuzz.inv", &inv, &fs);
	inventory_free(&inv);
	findings_free(&fs);
	return 0;
}
