/*
 * Replay driver: feed files to a libFuzzer harness without libFuzzer, so
 * "make check" runs the seeds and every past crash under the gcc (and
 * sanitizer) build.  usage: replay_T FILE...; prints one TAP line per file.
 */
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char *argv[])
{
	FILE	*fp;
	char	*buf;
	long	 n;
	int	 i;

	printf("1..%d\n", argc - 1);
	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL ||
		    fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0)
			err(2, "%s", argv[i]);
		rewind(fp);
		if ((buf = malloc(n + 1)) == NULL ||
		    fread(buf, 1, n, fp) != (size_t)n)
			err(2, "%s", argv[i]);
		fclose(fp);
		LLVMFuzzerTestOneInput((const uint8_t *)buf, (size_t)n);
		free(buf);
		/* A sanitizer report aborts before this line. */
		printf("ok %d - %s\n", i, argv[i]);
		fflush(stdout);
	}
	return 0;
}
