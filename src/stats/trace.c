/* trace.c: the lists a breakdown keeps while it counts and the trace it
 * attaches to each figure (trace.h). */
#include "trace.h"

GArray *bd_list_new(void)
{
    return g_array_new(FALSE, FALSE, sizeof(bd_ref));
}

void bd_list_add(GArray *l, size_t index, double v)
{
    bd_ref r = {index, v};
    g_array_append_val(l, r);
}

double bd_list_sum(const GArray *l)
{
    double s = 0;
    for (guint i = 0; l && i < l->len; i++)
        s += g_array_index(l, bd_ref, i).v;
    return s;
}

void bd_list_unref(GArray *l)
{
    if (l)
        g_array_unref(l);
}

static GArray *ref(GArray *l)
{
    return l ? g_array_ref(l) : NULL;
}

void bd_trace(sp_figure *x, bd_trace_spec s)
{
    if (!bd_traced(x))
        return;
    sp_trace_free(x->trace);
    struct sp_trace *t = g_new0(struct sp_trace, 1);
    t->kind = s.kind;
    t->how = s.how;
    t->num = ref(s.num);
    t->den = ref(s.den);
    t->val = ref(s.val);
    t->val_prefix = s.val_prefix;
    t->val_len = s.val_prefix && s.val ? MIN(s.val_len, s.val->len) : 0;
    t->scope = ref(s.scope);
    t->outside = g_strdup(s.outside);
    t->uncounted = g_strdup(s.uncounted);
    x->trace = t;
}

void sp_trace_free(struct sp_trace *t)
{
    if (!t)
        return;
    bd_list_unref(t->num);
    bd_list_unref(t->den);
    bd_list_unref(t->val);
    bd_list_unref(t->scope);
    g_free(t->outside);
    g_free(t->uncounted);
    g_free(t);
}
