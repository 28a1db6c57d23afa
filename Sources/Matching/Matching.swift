/// The Matching layer (see ARCHITECTURE.md).
public enum MatchingLayer {}
