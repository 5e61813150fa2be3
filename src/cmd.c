/* The commands, in the order polyaudit --help lists them. */
#include <stddef.h>

#include "cmd.h"

const struct cmd *const cmd_table[] = {
	&cmd_audit_entry,
	&cmd_completion_entry,
	&cmd_dhcp_entry,
	&cmd_diff_entry,
	&cmd_files_entry,
	&cmd_history_entry,
	&cmd_logs_entry,
	&cmd_pin_entry,
	&cmd_scan_entry,
	&cmd_show_entry,
	NULL,
};
