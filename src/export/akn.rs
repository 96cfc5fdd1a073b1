//! Akoma Ntoso 3.0 export (AKN4UN conventions) of a resolution.
