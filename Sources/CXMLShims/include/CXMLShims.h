// A libxml2 facade whose header uses no libxml2 or ICU type, so Swift files can import it
// beside Foundation (see Sources/CLibXML2/shim.h for why). Nodes are opaque pointers valid while
// their document lives.
#ifndef CXMLSHIMS_H
#define CXMLSHIMS_H

typedef struct vx_document vx_document;
typedef struct vx_node vx_node;

/// Kinds of node, as libxml2 numbers them.
enum { VX_ELEMENT = 1, VX_TEXT = 3, VX_CDATA = 4 };

/// Parses XML without network access or entity expansion; NULL when nothing is recoverable.
vx_document *vx_parse_xml(const char *bytes, int length);
/// Parses HTML with libxml2's forgiving HTML parser; `encoding` may be NULL (sniffed).
vx_document *vx_parse_html(const char *bytes, int length, const char *encoding);
void vx_free_document(vx_document *document);

vx_node *vx_root(vx_document *document);
vx_node *vx_first_child(vx_node *node);
vx_node *vx_next_sibling(vx_node *node);
int vx_kind(vx_node *node);
/// The local name (no namespace prefix); "" for nameless nodes. Owned by the document.
const char *vx_name(vx_node *node);
/// A text node's own text; NULL for other nodes. Owned by the document.
const char *vx_own_text(vx_node *node);
/// All descendant text; free with vx_free_string.
char *vx_text_content(vx_node *node);
/// An attribute's value by local name; NULL when absent; free with vx_free_string.
char *vx_attribute(vx_node *node, const char *name);
void vx_free_string(char *string);

#endif
