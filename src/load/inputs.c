/* inputs.c: STUB until the loader lands. */
#include "sendpack/load.h"
#include <glib.h>
int sp_inputs_from_dir(sp_inputs *in, const char *dir, sp_diags *diags) { return 0; }
void sp_inputs_clear(sp_inputs *in) {}
sp_dataset *sp_load(const sp_inputs *in, sp_diags *diags) { return sp_dataset_new(); }
