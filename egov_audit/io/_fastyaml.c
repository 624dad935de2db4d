/*
 * egov_audit.io._fastyaml: an optional accelerator of the strict YAML loader.
 *
 * load(text, max_depth, max_nodes) reads one YAML document with libyaml's event parser
 * and builds plain dicts, lists, str, int, bool and None directly, with the scalar rules
 * of egov_audit.io.yamlload._scalar (YAML 1.2 core: only plain true/false, null and
 * decimal integers change type; keys stay the text written).
 *
 * It returns None ("fall back") for anything the pure-Python loader refuses or that is
 * unusual: anchors, aliases, any explicit tag, directives, more than one document, no
 * document or an empty one, complex keys, duplicate keys, nesting deeper than max_depth,
 * more than max_nodes values, an integer of too many digits, any parse error, a scalar
 * that is not valid UTF-8. The caller then runs the pure-Python loader, which gives the
 * exact result or error. A document's data is never None (an empty document is refused),
 * so None is unambiguous. Only MemoryError raised by Python propagates.
 *
 * marks(text) reads the same events again for the positions of a document load() read
 * (libyaml's start marks, 0-based, exactly the marks of the nodes PyYAML composes from
 * them): (line, column, children) for the root and each sequence item, (key line, key
 * column, line, column, children) for each mapping value, where children is None for a
 * scalar, a list for a sequence and a dict by key text for a mapping. Built only when a
 * position is asked for; None (fall back to composing) on anything unusual.
 *
 * No recursion: open collections are kept on a heap-allocated stack. References: the
 * root is owned; the containers on the stack are borrowed from their parents (or the
 * root); a pending mapping key is owned by its stack frame.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#include <yaml.h>

#define MAX_INTEGER_DIGITS 100

typedef struct {
    PyObject *container; /* borrowed */
    int is_mapping;
    PyObject *key; /* owned; NULL while the mapping waits for a key */
    size_t key_line, key_column; /* the key's mark (marks only) */
} Frame;

typedef struct {
    Frame *frames;
    Py_ssize_t size;
    Py_ssize_t capacity;
} Stack;

static void
stack_clear(Stack *stack)
{
    Py_ssize_t i;
    for (i = 0; i < stack->size; i++) {
        Py_CLEAR(stack->frames[i].key);
    }
    PyMem_Free(stack->frames);
    stack->frames = NULL;
    stack->size = stack->capacity = 0;
}

static int
stack_push(Stack *stack, PyObject *container, int is_mapping)
{
    if (stack->size == stack->capacity) {
        Py_ssize_t capacity = stack->capacity ? stack->capacity * 2 : 16;
        Frame *frames;
        if ((size_t)capacity > PY_SSIZE_T_MAX / sizeof(Frame)) {
            PyErr_NoMemory();
            return -1;
        }
        frames = PyMem_Realloc(stack->frames, (size_t)capacity * sizeof(Frame));
        if (frames == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        stack->frames = frames;
        stack->capacity = capacity;
    }
    stack->frames[stack->size].container = container;
    stack->frames[stack->size].is_mapping = is_mapping;
    stack->frames[stack->size].key = NULL;
    stack->size++;
    return 0;
}

/* A plain scalar's value: NULL with no error set means "fall back". */
static PyObject *
plain_scalar(const char *value, size_t length)
{
    size_t i, start;
    char first;
    char digits[MAX_INTEGER_DIGITS + 3];

    if (length == 0) {
        Py_RETURN_NONE;
    }
    first = value[0];
    if (strchr("~nNtTfF+-0123456789", first) == NULL || first == '\0') {
        return PyUnicode_DecodeUTF8(value, (Py_ssize_t)length, "strict");
    }
    switch (length) {
    case 1:
        if (first == '~') {
            Py_RETURN_NONE;
        }
        break;
    case 4:
        if (memcmp(value, "null", 4) == 0 || memcmp(value, "Null", 4) == 0
            || memcmp(value, "NULL", 4) == 0) {
            Py_RETURN_NONE;
        }
        if (memcmp(value, "true", 4) == 0 || memcmp(value, "True", 4) == 0
            || memcmp(value, "TRUE", 4) == 0) {
            Py_RETURN_TRUE;
        }
        break;
    case 5:
        if (memcmp(value, "false", 5) == 0 || memcmp(value, "False", 5) == 0
            || memcmp(value, "FALSE", 5) == 0) {
            Py_RETURN_FALSE;
        }
        break;
    default:
        break;
    }
    /* [-+]?[0-9]+ and nothing else (ASCII digits only, as Python's [0-9]) */
    start = (first == '+' || first == '-') ? 1 : 0;
    if (length > start) {
        for (i = start; i < length; i++) {
            if (value[i] < '0' || value[i] > '9') {
                break;
            }
        }
        if (i == length) {
            if (length > MAX_INTEGER_DIGITS + 1) {
                return NULL; /* the pure loader's yaml-too-large error */
            }
            memcpy(digits, value, length);
            digits[length] = '\0';
            return PyLong_FromString(digits, NULL, 10);
        }
    }
    return PyUnicode_DecodeUTF8(value, (Py_ssize_t)length, "strict");
}

/* Add a finished value to the open collection (or make it the root). 0, or -1 to stop. */
static int
attach(Stack *stack, PyObject **root, PyObject *value)
{
    Frame *top;
    int status;
    if (stack->size == 0) {
        if (*root != NULL) {
            return -1;
        }
        Py_INCREF(value);
        *root = value;
        return 0;
    }
    top = &stack->frames[stack->size - 1];
    if (!top->is_mapping) {
        return PyList_Append(top->container, value);
    }
    if (top->key == NULL) {
        return -1; /* a value where a key belongs: not expected, fall back */
    }
    status = PyDict_SetItem(top->container, top->key, value);
    Py_CLEAR(top->key);
    return status;
}

/* A tuple of n marks (0-based numbers) and, last, the children (a new reference). */
static PyObject *
mark_tuple(Py_ssize_t n, const size_t *numbers, PyObject *children)
{
    Py_ssize_t i;
    PyObject *tuple = PyTuple_New(n + 1);
    if (tuple == NULL) {
        return NULL;
    }
    for (i = 0; i < n; i++) {
        PyObject *number = PyLong_FromSize_t(numbers[i]);
        if (number == NULL) {
            Py_DECREF(tuple);
            return NULL;
        }
        PyTuple_SET_ITEM(tuple, i, number);
    }
    Py_INCREF(children);
    PyTuple_SET_ITEM(tuple, n, children);
    return tuple;
}

/* marks: add a node's mark entry to the open collection (or make it the root). */
static int
attach_mark(Stack *stack, PyObject **root, yaml_mark_t mark, PyObject *children)
{
    Frame *top;
    PyObject *entry;
    int status;
    size_t numbers[4];
    if (stack->size == 0) {
        if (*root != NULL) {
            return -1;
        }
        numbers[0] = mark.line;
        numbers[1] = mark.column;
        *root = mark_tuple(2, numbers, children);
        return *root == NULL ? -1 : 0;
    }
    top = &stack->frames[stack->size - 1];
    if (!top->is_mapping) {
        numbers[0] = mark.line;
        numbers[1] = mark.column;
        entry = mark_tuple(2, numbers, children);
        if (entry == NULL) {
            return -1;
        }
        status = PyList_Append(top->container, entry);
        Py_DECREF(entry);
        return status;
    }
    if (top->key == NULL) {
        return -1;
    }
    numbers[0] = top->key_line;
    numbers[1] = top->key_column;
    numbers[2] = mark.line;
    numbers[3] = mark.column;
    entry = mark_tuple(4, numbers, children);
    if (entry == NULL) {
        return -1;
    }
    status = PyDict_SetItem(top->container, top->key, entry);
    Py_DECREF(entry);
    Py_CLEAR(top->key);
    return status;
}

static PyObject *run(PyObject *text, Py_ssize_t max_depth, Py_ssize_t max_nodes, int marks);

static PyObject *
fast_load(PyObject *module, PyObject *args)
{
    PyObject *text;
    Py_ssize_t max_depth, max_nodes;
    (void)module;
    if (!PyArg_ParseTuple(args, "Unn:load", &text, &max_depth, &max_nodes)) {
        return NULL;
    }
    return run(text, max_depth, max_nodes, 0);
}

static PyObject *
fast_marks(PyObject *module, PyObject *args)
{
    PyObject *text;
    (void)module;
    if (!PyArg_ParseTuple(args, "U:marks", &text)) {
        return NULL;
    }
    return run(text, PY_SSIZE_T_MAX, PY_SSIZE_T_MAX, 1);
}

static PyObject *
run(PyObject *text, Py_ssize_t max_depth, Py_ssize_t max_nodes, int marks)
{
    const char *buffer;
    Py_ssize_t buffer_length;
    yaml_parser_t parser;
    yaml_event_t event;
    Stack stack = {NULL, 0, 0};
    PyObject *root = NULL;
    Py_ssize_t nodes = 0;
    int documents = 0;
    int done = 0;
    int ok = 0; /* 1: the document was read; 0: fall back */

    buffer = PyUnicode_AsUTF8AndSize(text, &buffer_length);
    if (buffer == NULL) {
        if (PyErr_ExceptionMatches(PyExc_MemoryError)) {
            return NULL;
        }
        PyErr_Clear(); /* e.g. lone surrogates: the pure loader decides */
        Py_RETURN_NONE;
    }
    if (!yaml_parser_initialize(&parser)) {
        return PyErr_NoMemory();
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)buffer, (size_t)buffer_length);

    while (!done) {
        int stop = 0;
        if (!yaml_parser_parse(&parser, &event)) {
            break; /* a parse error (or libyaml out of memory): fall back */
        }
        switch (event.type) {
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            ok = stack.size == 0 && root != NULL && documents == 1;
            break;
        case YAML_DOCUMENT_START_EVENT:
            documents++;
            if (documents > 1 || event.data.document_start.version_directive != NULL
                || event.data.document_start.tag_directives.start
                       != event.data.document_start.tag_directives.end) {
                stop = 1;
            }
            break;
        case YAML_SCALAR_EVENT: {
            PyObject *value;
            Frame *top = stack.size ? &stack.frames[stack.size - 1] : NULL;
            const char *chars = (const char *)event.data.scalar.value;
            size_t length = event.data.scalar.length;
            int plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
            if (event.data.scalar.anchor != NULL || event.data.scalar.tag != NULL
                || ++nodes > max_nodes || documents != 1) {
                stop = 1;
                break;
            }
            if (plain && length > 0 && strchr("&*!", chars[0]) != NULL) {
                stop = 1; /* cannot be written plain; not sure what this is */
                break;
            }
            if (top != NULL && top->is_mapping && top->key == NULL) {
                /* a key: the text written, whatever its style */
                int present;
                PyObject *key = PyUnicode_DecodeUTF8(chars, (Py_ssize_t)length, "strict");
                if (key == NULL) {
                    stop = 1;
                    break;
                }
                present = PyDict_Contains(top->container, key);
                if (present != 0) {
                    Py_DECREF(key);
                    stop = 1; /* a duplicate key (or an error) */
                    break;
                }
                top->key = key;
                top->key_line = event.start_mark.line;
                top->key_column = event.start_mark.column;
                break;
            }
            if (marks) {
                if (attach_mark(&stack, &root, event.start_mark, Py_None) < 0) {
                    stop = 1;
                }
                break;
            }
            if (!plain) {
                value = PyUnicode_DecodeUTF8(chars, (Py_ssize_t)length, "strict");
            }
            else if (top == NULL && (length == 0 || (length == 1 && chars[0] == '~')
                                     || (length == 4
                                         && (memcmp(chars, "null", 4) == 0
                                             || memcmp(chars, "Null", 4) == 0
                                             || memcmp(chars, "NULL", 4) == 0)))) {
                value = NULL; /* an empty document: the pure loader's yaml-empty */
            }
            else {
                value = plain_scalar(chars, length);
            }
            if (value == NULL) {
                stop = 1;
                break;
            }
            if (attach(&stack, &root, value) < 0) {
                stop = 1;
            }
            Py_DECREF(value);
            break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
            PyObject *container;
            int is_mapping = event.type == YAML_MAPPING_START_EVENT;
            Frame *top = stack.size ? &stack.frames[stack.size - 1] : NULL;
            yaml_char_t *anchor = is_mapping ? event.data.mapping_start.anchor
                                             : event.data.sequence_start.anchor;
            yaml_char_t *tag = is_mapping ? event.data.mapping_start.tag
                                          : event.data.sequence_start.tag;
            if (anchor != NULL || tag != NULL || ++nodes > max_nodes || documents != 1
                || stack.size + 1 > max_depth
                || (top != NULL && top->is_mapping && top->key == NULL)) {
                stop = 1; /* ... the last: a complex key */
                break;
            }
            container = is_mapping ? PyDict_New() : PyList_New(0);
            if (container == NULL) {
                stop = 1;
                break;
            }
            if (marks ? attach_mark(&stack, &root, event.start_mark, container) < 0
                      : attach(&stack, &root, container) < 0) {
                Py_DECREF(container);
                stop = 1;
                break;
            }
            /* borrowed from now on: its parent (or root) holds it */
            Py_DECREF(container);
            if (stack_push(&stack, container, is_mapping) < 0) {
                stop = 1;
            }
            break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (stack.size == 0 || stack.frames[stack.size - 1].key != NULL
                || stack.frames[stack.size - 1].is_mapping
                       != (event.type == YAML_MAPPING_END_EVENT)) {
                stop = 1;
                break;
            }
            stack.size--;
            break;
        default: /* aliases, and anything else */
            stop = 1;
            break;
        }
        yaml_event_delete(&event);
        if (stop) {
            break;
        }
    }
    yaml_parser_delete(&parser);
    stack_clear(&stack);
    if (ok) {
        return root;
    }
    Py_XDECREF(root);
    if (PyErr_Occurred()) {
        if (PyErr_ExceptionMatches(PyExc_MemoryError)) {
            return NULL;
        }
        PyErr_Clear();
    }
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"load", fast_load, METH_VARARGS,
     "load(text, max_depth, max_nodes) -> data, or None to fall back to the pure loader"},
    {"marks", fast_marks, METH_VARARGS,
     "marks(text) -> the start marks of a document load() read, or None: (line, column,\n"
     "children) for the root and each sequence item, (key line, key column, line, column,\n"
     "children) for each mapping value; children: None, a list, or a dict by key text"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "_fastyaml",
    "An optional compiled reader of the strict YAML loader (see egov_audit.io.yamlload).",
    -1,
    methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__fastyaml(void)
{
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL) {
        return NULL;
    }
    if (PyModule_AddStringConstant(module, "LIBYAML_VERSION", yaml_get_version_string()) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
