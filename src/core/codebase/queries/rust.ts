/** Tags query for Rust: fns, structs, enums, traits, type aliases, modules, consts, macros; calls, paths, types, impls. */
export const rustTags = String.raw`
(function_item name: (identifier) @name.definition.function) @definition.function
(declaration_list (function_item name: (identifier) @name.definition.method) @definition.method)
(function_signature_item name: (identifier) @name.definition.method) @definition.method
(struct_item name: (type_identifier) @name.definition.class) @definition.class
(enum_item name: (type_identifier) @name.definition.enum) @definition.enum
(union_item name: (type_identifier) @name.definition.class) @definition.class
(trait_item name: (type_identifier) @name.definition.interface) @definition.interface
(type_item name: (type_identifier) @name.definition.type) @definition.type
(mod_item name: (identifier) @name.definition.module) @definition.module
(const_item name: (identifier) @name.definition.constant) @definition.constant
(static_item name: (identifier) @name.definition.constant) @definition.constant
(macro_definition name: (identifier) @name.definition.macro) @definition.macro

(call_expression function: (identifier) @name.reference.call)
(call_expression function: (field_expression field: (field_identifier) @name.reference.member))
(call_expression function: (scoped_identifier name: (identifier) @name.reference.call))
(macro_invocation macro: (identifier) @name.reference.call)
(struct_expression name: (type_identifier) @name.reference.class)
(impl_item trait: (type_identifier) @name.reference.interface)
(impl_item type: (type_identifier) @name.reference.class)
(type_identifier) @name.reference.type
(use_declaration argument: (scoped_identifier name: (identifier) @name.reference.import))
(use_list (identifier) @name.reference.import)
`;
