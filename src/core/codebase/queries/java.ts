/** Tags query for Java: classes, interfaces, enums, records, methods, constructors; calls, `new`, types, heritage. */
export const javaTags = String.raw`
(class_declaration name: (identifier) @name.definition.class) @definition.class
(interface_declaration name: (identifier) @name.definition.interface) @definition.interface
(enum_declaration name: (identifier) @name.definition.enum) @definition.enum
(record_declaration name: (identifier) @name.definition.class) @definition.class
(annotation_type_declaration name: (identifier) @name.definition.interface) @definition.interface
(method_declaration name: (identifier) @name.definition.method) @definition.method
(constructor_declaration name: (identifier) @name.definition.method) @definition.method
(field_declaration declarator: (variable_declarator name: (identifier) @name.definition.field)) @definition.field

(method_invocation object: (_) name: (identifier) @name.reference.member)
(method_invocation !object name: (identifier) @name.reference.call)
(object_creation_expression type: (type_identifier) @name.reference.class)
(object_creation_expression type: (generic_type (type_identifier) @name.reference.class))
(type_identifier) @name.reference.type
(superclass (type_identifier) @name.reference.class)
(method_reference (identifier) @name.reference.call)
`;
