/* config.h: the publication config file, an INI file read with GLib's
 * GKeyFile. Keys are spelled like the command-line flags:
 *
 *   [publication]  title, prepared-for, author, status (illustrative |
 *                  official), as-at (YYYY-MM-DD), first-n
 *   [inputs]       data (a folder), inspections (one or more files,
 *                  separated by ';'), funding, interventions, areas
 *   [outputs]      out, previous, templates, charts, briefing, profiles,
 *                  workbook (true | false), workbook-name, workbook-format
 *                  (xlsx | ods | both), dpi, size (WxH cm)
 *
 * Paths are relative to the config file's folder. Unknown groups and keys,
 * lines that are not "key = value", and bad values are errors naming
 * file:line:column. Comments are lines starting with '#'. */
#ifndef SENDPACK_CONFIG_H
#define SENDPACK_CONFIG_H

#include <stdbool.h>
#include "sendpack/context.h"
#include "sendpack/diag.h"
#include "sendpack/load.h"

/* Read path into s (only the keys present change s; s->config_path is set)
 * and into in (the inputs it names; a data folder is listed with
 * sp_inputs_from_dir). *has_inputs tells whether [inputs] named any.
 * Returns 0, or 2 with every problem in diags. */
int sp_config_load(const char *path, sp_settings *s, sp_inputs *in,
                   bool *has_inputs, sp_diags *diags);

/* "16x10" (centimetres, 'x' or 'X', decimals allowed) into w and h, each
 * in (0, 100]. Returns false on anything else. Shared with the --size flag. */
bool sp_config_parse_size(const char *text, double *w, double *h);

/* dir joined with path, "." and "x/.." removed lexically; path unchanged
 * when absolute or when dir is "" or ".". Caller g_free()s. */
char *sp_config_resolve_path(const char *dir, const char *path);

#endif
