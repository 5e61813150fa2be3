/*
 * libFuzzer: the input as raw option 43, 120, 60, 66 and 160 bytes, as a
 * DHCP reply packet, and as the hex text an admin types.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp.h"
#include "dhcp_probe.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int	 opts[] = { 43, 120, 60, 66, 160 };
	struct dhcp_probe_reply	 rp;
	unsigned char		*bin;
	size_t			 i, n, ndigits;
	char			*s, *cause = NULL;

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		dhcp_result_free(dhcp_decode(opts[i], data, size, 0));
		dhcp_result_free(dhcp_decode(opts[i], data, size, size * 2));
	}
	(void)dhcp_probe_parse(data, size, 0, &rp);
	s = strndup((const char *)data, size);
	if (dhcp_hex_parse(s, &bin, &n, &ndigits, &cause) == 0) {
		dhcp_result_free(dhcp_decode43(bin, n, ndigits));
		free(dhcp_hex_format(bin, n));
		free(bin);
	}
	free(cause);
	free(s);
	return 0;
}
