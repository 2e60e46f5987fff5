/**
 * Tags query for TypeScript: declarations as definitions; calls, `new`, types, heritage and imports as references.
 * `@top` keeps a match only at the top level (see tagExtractor): the same test written as a pattern rooted at
 * `(program …)` made every match of the whole query a fifth slower.
 */
export const typescriptTags = String.raw`
(function_declaration name: (identifier) @name.definition.function) @definition.function
(generator_function_declaration name: (identifier) @name.definition.function) @definition.function
(function_signature name: (identifier) @name.definition.function) @definition.function
(class_declaration name: (type_identifier) @name.definition.class) @definition.class
(abstract_class_declaration name: (type_identifier) @name.definition.class) @definition.class
(interface_declaration name: (type_identifier) @name.definition.interface) @definition.interface
(type_alias_declaration name: (type_identifier) @name.definition.type) @definition.type
(enum_declaration name: (identifier) @name.definition.enum) @definition.enum
(module name: [(identifier) (string)] @name.definition.module) @definition.module
(internal_module name: [(identifier) (nested_identifier)] @name.definition.module) @definition.module
(method_definition name: [(property_identifier) (private_property_identifier)] @name.definition.method) @definition.method
(method_signature name: (property_identifier) @name.definition.method) @definition.method
(abstract_method_signature name: (property_identifier) @name.definition.method) @definition.method
(lexical_declaration (variable_declarator name: (identifier) @name.definition.constant)) @definition.constant @top
(variable_declaration (variable_declarator name: (identifier) @name.definition.variable)) @definition.variable @top
(ambient_declaration (function_signature name: (identifier) @name.definition.function)) @definition.function @top

(call_expression function: (identifier) @name.reference.call)
(call_expression function: (member_expression property: (property_identifier) @name.reference.member))
(new_expression constructor: (identifier) @name.reference.class)
(new_expression constructor: (member_expression property: (property_identifier) @name.reference.class))
(type_identifier) @name.reference.type
(extends_clause value: (identifier) @name.reference.class)
(import_specifier name: (identifier) @name.reference.import)
`;
