// Placeholder until the sidebar issue: the page shows its title only.
export {};
