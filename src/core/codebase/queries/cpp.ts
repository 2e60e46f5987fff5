/** Tags query for C++: functions, methods, classes, structs, enums, namespaces, aliases, macros; calls, types, `new`. */
export const cppTags = String.raw`
(function_definition declarator: (function_declarator declarator: (identifier) @name.definition.function)) @definition.function
(function_definition declarator: (function_declarator declarator: (qualified_identifier name: (identifier) @name.definition.method))) @definition.method
(function_definition declarator: (function_declarator declarator: (field_identifier) @name.definition.method)) @definition.method
(function_definition declarator: (reference_declarator (function_declarator declarator: [(identifier) (field_identifier)] @name.definition.function))) @definition.function
(function_definition declarator: (pointer_declarator declarator: (function_declarator declarator: [(identifier) (field_identifier)] @name.definition.function))) @definition.function
(field_declaration declarator: (function_declarator declarator: (field_identifier) @name.definition.method)) @definition.method
(declaration declarator: (function_declarator declarator: (identifier) @name.definition.function)) @definition.function
(class_specifier name: (type_identifier) @name.definition.class body: (_)) @definition.class
(struct_specifier name: (type_identifier) @name.definition.class body: (_)) @definition.class
(union_specifier name: (type_identifier) @name.definition.class body: (_)) @definition.class
(enum_specifier name: (type_identifier) @name.definition.enum body: (_)) @definition.enum
(namespace_definition name: (_) @name.definition.module) @definition.module
(type_definition declarator: (type_identifier) @name.definition.type) @definition.type
(alias_declaration name: (type_identifier) @name.definition.type) @definition.type
(preproc_def name: (identifier) @name.definition.macro) @definition.macro
(preproc_function_def name: (identifier) @name.definition.macro) @definition.macro

(call_expression function: (identifier) @name.reference.call)
(call_expression function: (field_expression field: (field_identifier) @name.reference.member))
(call_expression function: (qualified_identifier name: (identifier) @name.reference.call))
(call_expression function: (template_function name: (identifier) @name.reference.call))
(new_expression type: (type_identifier) @name.reference.class)
(type_identifier) @name.reference.type
(base_class_clause (type_identifier) @name.reference.class)
`;
