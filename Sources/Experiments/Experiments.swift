/// The Experiments layer (see ARCHITECTURE.md).
public enum ExperimentsLayer {}
