/*
 * polyaudit: which provisioning setting a Poly phone really runs, and why.
 */
#include "cmd.h"

int
main(int argc, char *argv[])
{
	return cli_main(argc, argv);
}
