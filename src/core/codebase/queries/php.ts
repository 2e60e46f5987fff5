/** Tags query for PHP: classes, interfaces, traits, enums, functions, methods; calls, `new`, static calls, heritage, type hints. */
export const phpTags = String.raw`
(class_declaration name: (name) @name.definition.class) @definition.class
(interface_declaration name: (name) @name.definition.interface) @definition.interface
(trait_declaration name: (name) @name.definition.class) @definition.class
(enum_declaration name: (name) @name.definition.enum) @definition.enum
(function_definition name: (name) @name.definition.function) @definition.function
(method_declaration name: (name) @name.definition.method) @definition.method
(const_declaration (const_element (name) @name.definition.constant)) @definition.constant

(function_call_expression function: (name) @name.reference.call)
(function_call_expression function: (qualified_name (name) @name.reference.call))
(member_call_expression name: (name) @name.reference.member)
(scoped_call_expression scope: (name) @name.reference.class name: (name) @name.reference.call)
(object_creation_expression (name) @name.reference.class)
(object_creation_expression (qualified_name (name) @name.reference.class))
(base_clause (name) @name.reference.class)
(class_interface_clause (name) @name.reference.interface)
(named_type (name) @name.reference.type)
`;
