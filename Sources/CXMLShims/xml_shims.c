// The libxml2 calls behind CXMLShims.h. Options: no network (NONET), no error output on
// stderr (NOERROR, NOWARNING), recover from damage (RECOVER), no entity substitution (the
// default without NOENT), and no limit on text node size for large documents (HUGE).
#include "CXMLShims.h"
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>

vx_document *vx_parse_xml(const char *bytes, int length) {
  int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER | XML_PARSE_HUGE;
  return (vx_document *)xmlReadMemory(bytes, length, NULL, "UTF-8", options);
}

vx_document *vx_parse_html(const char *bytes, int length, const char *encoding) {
  int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER;
  return (vx_document *)htmlReadMemory(bytes, length, NULL, encoding, options);
}

void vx_free_document(vx_document *document) { xmlFreeDoc((xmlDocPtr)document); }

vx_node *vx_root(vx_document *document) { return (vx_node *)xmlDocGetRootElement((xmlDocPtr)document); }

vx_node *vx_first_child(vx_node *node) { return (vx_node *)((xmlNodePtr)node)->children; }

vx_node *vx_next_sibling(vx_node *node) { return (vx_node *)((xmlNodePtr)node)->next; }

int vx_kind(vx_node *node) { return (int)((xmlNodePtr)node)->type; }

const char *vx_name(vx_node *node) {
  const xmlChar *name = ((xmlNodePtr)node)->name;
  return name ? (const char *)name : "";
}

const char *vx_own_text(vx_node *node) {
  xmlNodePtr n = (xmlNodePtr)node;
  if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) return NULL;
  return (const char *)n->content;
}

char *vx_text_content(vx_node *node) { return (char *)xmlNodeGetContent((xmlNodePtr)node); }

char *vx_attribute(vx_node *node, const char *name) {
  xmlNodePtr n = (xmlNodePtr)node;
  if (n->type != XML_ELEMENT_NODE) return NULL;
  for (xmlAttrPtr attribute = n->properties; attribute; attribute = attribute->next) {
    if (attribute->name && xmlStrEqual(attribute->name, (const xmlChar *)name)) {
      return (char *)xmlNodeListGetString(n->doc, attribute->children, 1);
    }
  }
  return NULL;
}

void vx_free_string(char *string) {
  if (string) xmlFree(string);
}
