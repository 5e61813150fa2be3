/* libFuzzer: one phone REST body through every rest_parse_*. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "rest.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"reg.1.auth.usePinCredentials", "device.set",
		"device.prov.password", "0", "",
	};
	const char		*buf = (const char *)data;
	struct rest_device	 dev;
	struct rest_network	 net;
	struct rest_config	 cfg;
	struct strpool		 sp = { NULL };
	char			*cause = NULL, *s;
	long			 status;

	if (rest_parse_status(buf, size, &status, &cause) == 0)
		(void)rest_status_text(status);
	free(cause);
	cause = NULL;

	memset(&dev, 0, sizeof(dev));
	if (rest_parse_device(buf, size, &sp, &dev, &cause) == 0 &&
	    dev.model_raw != NULL)
		free(rest_model_normalise(dev.model_raw));
	free(cause);
	cause = NULL;

	memset(&net, 0, sizeof(net));
	(void)rest_parse_network(buf, size, &sp, &net, &cause);
	free(cause);
	cause = NULL;

	memset(&cfg, 0, sizeof(cfg));
	(void)rest_parse_config(buf, size, names,
	    sizeof(names) / sizeof(names[0]), &sp, &cfg, &cause);
	rest_config_free(&cfg);
	free(cause);
	strpool_free(&sp);

	s = strndup(buf, size);
	free(redact_url(s));
	free(rest_model_normalise(s));
	free(s);
	return 0;
}
