fn main() {
    use factcheck::model::*;
    println!(
        "Fact {} FactValue {} Validity {} DateSpec {} Claim {} Assertion {} Source {}",
        std::mem::size_of::<Fact>(),
        std::mem::size_of::<FactValue>(),
        std::mem::size_of::<Validity>(),
        std::mem::size_of::<factcheck::date::DateSpec>(),
        std::mem::size_of::<Claim>(),
        std::mem::size_of::<Assertion>(),
        std::mem::size_of::<Source>()
    );
}
