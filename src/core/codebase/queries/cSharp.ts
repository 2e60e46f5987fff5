/** Tags query for C#: classes, structs, records, interfaces, enums, methods, constructors, properties, namespaces; calls, `new`, types. */
export const cSharpTags = String.raw`
(class_declaration name: (identifier) @name.definition.class) @definition.class
(struct_declaration name: (identifier) @name.definition.class) @definition.class
(record_declaration name: (identifier) @name.definition.class) @definition.class
(interface_declaration name: (identifier) @name.definition.interface) @definition.interface
(enum_declaration name: (identifier) @name.definition.enum) @definition.enum
(delegate_declaration name: (identifier) @name.definition.type) @definition.type
(method_declaration name: (identifier) @name.definition.method) @definition.method
(constructor_declaration name: (identifier) @name.definition.method) @definition.method
(property_declaration name: (identifier) @name.definition.field) @definition.field
(namespace_declaration name: [(identifier) (qualified_name)] @name.definition.module) @definition.module

(invocation_expression function: (identifier) @name.reference.call)
(invocation_expression function: (member_access_expression name: (identifier) @name.reference.member))
(object_creation_expression type: (identifier) @name.reference.class)
(object_creation_expression type: (generic_name (identifier) @name.reference.class))
(base_list (identifier) @name.reference.class)
(base_list (generic_name (identifier) @name.reference.class))
(variable_declaration type: (identifier) @name.reference.type)
(parameter type: (identifier) @name.reference.type)
(method_declaration type: (identifier) @name.reference.type)
(property_declaration type: (identifier) @name.reference.type)
`;
