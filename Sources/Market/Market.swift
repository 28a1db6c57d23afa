/// The Market layer (see ARCHITECTURE.md).
public enum MarketLayer {}
